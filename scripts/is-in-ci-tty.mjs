// Stand-in for `is-in-ci` inside the bundle. Ink treats CI=true as "no live terminal" and draws only
// the final frame, which leaves the reviewer blank in a real terminal whose environment happens to
// set CI (a CI job driving it in tmux, a shell that exports CI). A terminal on stdout wins.
import {env, stdout} from 'node:process';

const check = (key) => key in env && env[key] !== '0' && env[key] !== 'false';

export default !stdout.isTTY && (check('CI') || check('CONTINUOUS_INTEGRATION'));
