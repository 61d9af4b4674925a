/**
 * The built-in commands. Each line adds one: a module exports its `Command`
 * as a named export and the registry picks up every `Command` exported here.
 */
export { validateCommand } from './validate';
export { lintCommand } from './lint';
export { graphCommand } from './graph';
export { codesCommand } from './codes';
export { runCommand } from './run';
export { verifyCommand } from './verify';
export { replayCommand } from './replay';
export { simulateCommand } from './simulate';
export { playCommand } from './play';
export { xapiCommand } from './xapi';
export { statsCommand } from './stats';
