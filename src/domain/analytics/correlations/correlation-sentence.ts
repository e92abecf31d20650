import { JOURNAL_PREFIX, directionWords, labelOf } from './variable-labels.ts';

export interface GroupMean {
  readonly n: number;
  readonly mean: number;
}

/** A tag's effect: the outcome on tagged days against untagged days. */
export interface TagComparison {
  readonly withTag: GroupMean;
  readonly withoutTag: GroupMean;
}

export interface SentenceFacts {
  readonly driver: string;
  readonly outcome: string;
  readonly lag: 0 | 1;
  readonly rho: number;
  readonly n: number;
  readonly q: number;
  readonly discovery: boolean;
  readonly comparison?: TagComparison;
}

function formatQ(q: number): string {
  return q < 0.001 ? 'q<0.001' : `q=${q.toFixed(q < 0.01 ? 3 : 2)}`;
}

function tagSentence(facts: SentenceFacts, comparison: TagComparison): string {
  const { withTag, withoutTag } = comparison;
  const difference = withTag.mean - withoutTag.mean;
  const words = directionWords(facts.outcome);
  const direction = difference >= 0 ? words.up : words.down;
  const size = withoutTag.mean > 0 ? `${Math.round((Math.abs(difference) / withoutTag.mean) * 100)}%` : `${Math.abs(difference).toFixed(1)}`;
  const when = facts.lag === 1 ? 'On days after' : 'On days';
  return `${when} you tag ${labelOf(facts.driver)}, your ${labelOf(facts.outcome)} is ${size} ${direction} (n=${facts.n} days, ${withTag.n} tagged, ${formatQ(facts.q)})`;
}

function continuousSentence(facts: SentenceFacts): string {
  const amount = facts.driver.startsWith(JOURNAL_PREFIX) ? 'higher' : 'more';
  const words = directionWords(facts.outcome);
  const direction = facts.rho >= 0 ? words.up : words.down;
  const when = facts.lag === 1 ? 'On days after' : 'On days with';
  return `${when} ${amount} ${labelOf(facts.driver)}, your ${labelOf(facts.outcome)} tends to be ${direction} (rho=${facts.rho.toFixed(2)}, n=${facts.n}, ${formatQ(facts.q)})`;
}

function noLinkSentence(facts: SentenceFacts): string {
  const when = facts.lag === 1 ? 'next-day' : 'same-day';
  const driver = facts.comparison ? `${labelOf(facts.driver)} tags` : labelOf(facts.driver);
  return `No clear link yet between ${driver} and ${when} ${labelOf(facts.outcome)} (n=${facts.n}, ${formatQ(facts.q)})`;
}

/** One plain sentence per finding; a finding above the discovery threshold says there is no clear link. */
export function correlationSentence(facts: SentenceFacts): string {
  if (!facts.discovery) return noLinkSentence(facts);
  return facts.comparison ? tagSentence(facts, facts.comparison) : continuousSentence(facts);
}
