import { zScore, type BaselineBand, type BaselineWindow } from '../series/baseline.ts';

/** A score's personal baseline: the 21 nights before the day, usable from 7 nights with data (the warm-up). */
export const SCORE_BASELINE: BaselineWindow = { windowDays: 21, minDays: 7 };

/** Sleep need when the person has not set theirs: adults need 7–9 h; 8 h is the usual default. */
export const DEFAULT_SLEEP_NEED_MINUTES = 480;

export function clampPoints(points: number): number {
  return Math.min(100, Math.max(0, points));
}

/** 75 points at the personal baseline, 15 per SD in the better direction, held to 0–100. */
function pointsFromZ(betterZ: number): number {
  return clampPoints(75 + 15 * betterZ);
}

/** 100 points at or above the need, 20 fewer per hour short. */
function sleepDurationPoints(minutes: number, needMinutes: number): number {
  return clampPoints(100 - (20 * Math.max(0, needMinutes - minutes)) / 60);
}

/** What a component's value was measured against. */
export type Reference =
  | { readonly kind: 'baseline'; readonly mean: number; readonly sd: number; readonly n: number }
  | { readonly kind: 'target'; readonly value: number };

function baselineReference(band: BaselineBand): Reference {
  return { kind: 'baseline', mean: band.mean, sd: band.sd, n: band.n };
}

export interface ScoreComponent {
  readonly id: string;
  readonly value: number;
  readonly unit: string;
  readonly reference: Reference;
  /** 0–100. */
  readonly points: number;
  /** Share of the score, after re-weighting over the components present; they sum to 1. */
  readonly weight: number;
}

export interface ComponentDraft {
  readonly id: string;
  readonly value: number;
  readonly unit: string;
  readonly reference: Reference;
  readonly points: number;
}

/** A value scored against the person's baseline (see pointsFromZ); `better` says which way is good. */
export function baselineComponent(id: string, value: number, unit: string, band: BaselineBand, sdFloor: number, better: 'higher' | 'lower'): ComponentDraft {
  const z = zScore(value, band, sdFloor);
  return { id, value, unit, reference: baselineReference(band), points: pointsFromZ(better === 'higher' ? z : -z) };
}

/** Minutes asleep against the person's sleep need. */
export function sleepDurationComponent(minutes: number, needMinutes: number): ComponentDraft {
  return { id: 'sleep_duration', value: minutes, unit: 'min', reference: { kind: 'target', value: needMinutes }, points: sleepDurationPoints(minutes, needMinutes) };
}

export interface ScoredDay {
  readonly score: number;
  readonly confidence: number;
  readonly components: readonly ScoreComponent[];
}

/** The nominal weights of the components the person has a source for. */
export function applicableWeights<Id extends string>(weights: Readonly<Record<Id, number>>, hasSource: Partial<Record<Id, boolean>>): Partial<Record<Id, number>> {
  return Object.fromEntries(Object.entries<number>(weights).filter(([id]) => hasSource[id as Id] !== false)) as Partial<Record<Id, number>>;
}

/**
 * Weighted mean of the components present, weights re-normalised over them. Confidence is the
 * share of the nominal weight that was present times how full the baseline window was, so a
 * score from half the inputs or a thin baseline says so.
 */
export function combineComponents(drafts: readonly ComponentDraft[], nominalWeights: Readonly<Partial<Record<string, number>>>, baselineFullness: number): ScoredDay {
  const totalNominal = Object.values(nominalWeights).reduce((a: number, b) => a + (b ?? 0), 0);
  const presentNominal = drafts.reduce((sum, d) => sum + (nominalWeights[d.id] ?? 0), 0);
  const components = drafts.map((d): ScoreComponent => ({ ...d, points: Math.round(d.points), weight: (nominalWeights[d.id] ?? 0) / presentNominal }));
  const score = Math.round(drafts.reduce((sum, d, i) => sum + d.points * components[i]!.weight, 0));
  const confidence = Math.round((presentNominal / totalNominal) * Math.min(1, baselineFullness) * 100) / 100;
  return { score, confidence, components };
}
