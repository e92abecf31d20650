export * from './rule.ts';
export { EARLIEST } from './instants.ts';
export { conditionProblems, type RuleProblem } from './condition-problems.ts';
export { AT_REST, ASLEEP, contextFlags, type SampleContext } from './sample-context.ts';
export { alertKey, type Evidence, type RuleCleared, type RuleEvent, type RuleFired } from './rule-event.ts';
export { RuleStream } from './rule-stream.ts';
export { RuleStreams, DEFAULT_EVIDENCE_LIMIT, DEFAULT_LATENESS_MINUTES, type OpenRuleStream, type RuleStreamOptions } from './rule-streams.ts';
export { RULE_STREAM_SNAPSHOT_VERSION, type EpisodeSnapshot, type RuleStreamSnapshot } from './rule-stream-snapshot.ts';
export { PersonRuleStreams, type OpenPersonRuleStreams, type PersonRulesSnapshot, type RuleSample } from './person-rule-streams.ts';
