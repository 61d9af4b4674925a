/** The player as a library, for the editor's preview and tests. */
export { App } from './App';
export { BeatView } from './drill/BeatView';
export { ChoiceList } from './drill/ChoiceList';
export { CountdownRing } from './drill/CountdownRing';
export { OutcomeView } from './drill/OutcomeView';
export { describeDiagnostic } from './scenarios/describe-diagnostic';
export * from './hub/api';
export { signIn, signOut, currentAccount } from './hub/session';
