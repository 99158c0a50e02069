// Stand-in for react-devtools-core, which ink loads only in development.
export default {initialize() {}, connectToDevTools() {}};
