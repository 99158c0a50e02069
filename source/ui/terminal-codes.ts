// Terminal control sequences the app writes itself (Ink writes its own frames).
export const enterAltScreen = '\u001B[?1049h\u001B[H';
export const leaveAltScreen = '\u001B[?1049l';
export const showCursor = '\u001B[?25h';
export const hideCursor = '\u001B[?25l';
export const cursorHome = '\u001B[H';
