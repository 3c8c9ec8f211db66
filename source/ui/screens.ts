/**
 * Every screen the program draws with Ink, as one module that the command
 * line imports when it needs one: the built program then loads Ink, React
 * and the screens as a few files (each file Node loads costs it time).
 */
export {browse} from './browse-session.js';
export {summaryLines} from './dashboard/summary.js';
export {startDashboard} from './dashboard-session.js';
export {showComparison} from './runs/compare-screen.js';
export {startReplay} from './runs/replay-session.js';
