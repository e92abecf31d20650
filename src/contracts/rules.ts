import { z } from 'zod';
import {
  ACTION_TYPES,
  conditionProblems,
  DEFAULT_COOLDOWN_MINUTES,
  DEFAULT_MAX_GAP_MINUTES,
  MAX_COOLDOWN_MINUTES,
  MAX_DURATION_MINUTES,
  RULE_OPERATORS,
  SEVERITIES,
} from '../domain/rules/index.ts';

// ------------------------------------------------------------------ parts

const id = z.string().uuid();

const name = z
  .string()
  .trim()
  .min(1, 'a name, one line')
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, 'no control characters');

const minutes = (field: string, min: number, max: number) =>
  z
    .number()
    .int(`${field} is in whole minutes`)
    .min(min, `${field} is ${min} to ${max} minutes`)
    .max(max, `${field} is ${min} to ${max} minutes`);

/** One number, or [lo, hi] for between / outside; which one the operator needs is checked with the condition. */
const threshold = z.union([z.number(), z.tuple([z.number(), z.number()])], {
  error: 'a number, or [lo, hi] for between and outside',
});

/**
 * What the rule watches: `heart_rate > 100 for 30 minutes` is
 * `{ metric: "heart_rate", operator: ">", value: 100, duration: 30 }`. A threshold relative to
 * the person's baseline replaces `value` with `baseline: { sd: 2 }` (mean + 2 SD).
 */
export const ruleCondition = z
  .object({
    metric: z.string().min(1).max(100),
    operator: z.enum(RULE_OPERATORS),
    value: threshold.optional(),
    baseline: z.object({ sd: threshold }).strict().optional(),
    duration: minutes('duration', 0, MAX_DURATION_MINUTES),
    /** A longer hole between two readings breaks the condition (the watch was off, not the heart rate normal). */
    maxGapMinutes: minutes('maxGapMinutes', 1, MAX_DURATION_MINUTES).default(DEFAULT_MAX_GAP_MINUTES),
  })
  .strict()
  .superRefine((condition, ctx) => {
    for (const problem of conditionProblems(condition)) ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.message });
  });

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time as HH:MM, 00:00 to 23:59');

/** When the rule applies; each flag true (only then), false (only otherwise) or absent (either). */
export const ruleContext = z
  .object({
    atRest: z.boolean().optional(),
    asleep: z.boolean().optional(),
    /** In the person's local time; `from` inclusive, `to` exclusive, wrapping midnight when to < from (22:00 to 06:00). */
    timeOfDay: z
      .object({ from: clockTime, to: clockTime })
      .strict()
      .refine((window) => window.from !== window.to, { path: ['to'], message: 'from and to are the same time: the window would be empty' })
      .optional(),
  })
  .strict();

export const ruleAction = z.object({ type: z.enum(ACTION_TYPES), severity: z.enum(SEVERITIES) }).strict();

/**
 * Whose readings the rule watches: one person, or one team — a care team, named by its
 * clinician's user id (the members that clinician looks after); absent, everyone in the tenant.
 */
export const ruleScope = z
  .object({ userId: id.optional(), teamId: id.optional() })
  .strict()
  .refine((scope) => (scope.userId === undefined) !== (scope.teamId === undefined), {
    message: 'scope names one person ({ userId }) or one team ({ teamId }); leave it out for the whole tenant',
  });

const cooldownMinutes = minutes('cooldownMinutes', 0, MAX_COOLDOWN_MINUTES);

// ------------------------------------------------------------------ bodies

export const createRuleBody = z
  .object({
    name,
    condition: ruleCondition,
    action: ruleAction,
    scope: ruleScope.optional(),
    context: ruleContext.optional(),
    /** After firing for a person, the rule stays quiet for them this long. */
    cooldownMinutes: cooldownMinutes.default(DEFAULT_COOLDOWN_MINUTES),
    /** Resolve the alert by itself when a reading no longer matches (a hole in the data leaves it open). */
    autoResolve: z.boolean().default(false),
    enabled: z.boolean().default(true),
  })
  .strict();

/** Fields given replace the stored ones (a condition as a whole); null scope or context removes it. */
export const patchRuleBody = z
  .object({
    name: name.optional(),
    condition: ruleCondition.optional(),
    action: ruleAction.optional(),
    scope: ruleScope.nullable().optional(),
    context: ruleContext.nullable().optional(),
    cooldownMinutes: cooldownMinutes.optional(),
    autoResolve: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change: give at least one field' });

export type CreateRuleBody = z.infer<typeof createRuleBody>;
export type PatchRuleBody = z.infer<typeof patchRuleBody>;

// ------------------------------------------------------------------ answers

export const ruleParams = z.object({ id });

const instant = z.string();
const storedThreshold = z.union([z.number(), z.tuple([z.number(), z.number()]).readonly()]);

/** A stored rule as the API shows it; the condition with its defaults filled in. */
export const ruleView = z.object({
  id: z.string(),
  name: z.string(),
  condition: z.object({
    metric: z.string(),
    operator: z.string(),
    value: storedThreshold.optional(),
    baseline: z.object({ sd: storedThreshold }).optional(),
    duration: z.number(),
    maxGapMinutes: z.number(),
  }),
  action: z.object({ type: z.string(), severity: z.string() }),
  scope: z.object({ userId: z.string().optional(), teamId: z.string().optional() }).optional(),
  context: z.object({ atRest: z.boolean().optional(), asleep: z.boolean().optional(), timeOfDay: z.object({ from: z.string(), to: z.string() }).optional() }).optional(),
  cooldownMinutes: z.number(),
  autoResolve: z.boolean(),
  enabled: z.boolean(),
  /** Counts the rule's edits: an episode under way is not carried over to another revision. */
  revision: z.number(),
  createdBy: z.string(),
  createdAt: instant,
  updatedAt: instant,
});

export const ruleList = z.array(ruleView);

export type RuleView = z.infer<typeof ruleView>;
