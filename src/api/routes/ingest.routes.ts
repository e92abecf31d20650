import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getDailyValues } from '../../app/ingest/get-daily-values.ts';
import { getIngestBatch } from '../../app/ingest/get-ingest-batch.ts';
import type { IngestDeps } from '../../app/ingest/ingest-deps.ts';
import { ingestSamples } from '../../app/ingest/ingest-samples.ts';
import { listSamples } from '../../app/ingest/list-samples.ts';
import { listSources } from '../../app/ingest/list-sources.ts';
import { setSourcePriority } from '../../app/ingest/set-source-priority.ts';
import { setTimeZone } from '../../app/ingest/set-time-zone.ts';
import * as c from '../../contracts/ingest.ts';
import { readsSamples, writesSamples, type AuthGuard } from '../auth-guard.ts';

const tags = ['samples'];

/**
 * Body limit of POST /api/v1/samples per sample of the batch limit: a full batch is larger than
 * most request bodies, and a sample whose every field is at its longest stays under it.
 */
export const BYTES_PER_SAMPLE = 2048;

/** Samples in (raw first, normalized by a job) and out (raw resolution, daily values, sources). */
export function registerIngestRoutes(app: FastifyInstance, deps: IngestDeps, guard: AuthGuard): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/samples',
    {
      bodyLimit: deps.settings.maxBatchSamples * BYTES_PER_SAMPLE,
      schema: {
        tags,
        summary: `Send a batch of up to ${deps.settings.maxBatchSamples} samples; stored at once, visible once normalized`,
        body: c.samplesBody(deps.settings.maxBatchSamples),
        response: { 202: c.samplesAccepted },
      },
    },
    async (request, reply) => {
      const ctx = await guard.tenant(request, writesSamples);
      const { samples, idempotencyKey } = request.body;
      const receipt = await ingestSamples(deps, ctx, samples, idempotencyKey === undefined ? {} : { idempotencyKey });
      return reply.status(202).send({ rawId: receipt.rawId, accepted: receipt.accepted, duplicate: receipt.duplicate });
    },
  );

  r.get(
    '/api/v1/samples/batches/:rawId',
    { schema: { tags, summary: 'A batch I sent: normalized yet, what was stored, what was skipped and why', params: c.batchParams, response: { 200: c.batchStatus } } },
    async (request) => {
      const batch = await getIngestBatch(deps, await guard.tenant(request, readsSamples), request.params.rawId);
      return {
        rawId: batch.id,
        state: batch.state,
        receivedAt: batch.receivedAt,
        normalizedAt: batch.normalizedAt,
        samples: batch.sampleCount,
        stored: batch.storedCount,
        unchanged: batch.unchangedCount,
        superseded: batch.supersededCount,
        rejected: batch.rejectedCount,
        rejections: batch.rejections,
        error: batch.error,
      };
    },
  );

  r.get(
    '/api/v1/samples',
    { schema: { tags, summary: 'Samples of one metric in [from, to), at full resolution, a page at a time', querystring: c.samplesQuery, response: { 200: c.samplesPage } } },
    async (request) => listSamples(deps, await guard.tenant(request, readsSamples), request.query),
  );

  r.get(
    '/api/v1/daily',
    { schema: { tags, summary: 'One value per local day of a metric, with the provenance of each', querystring: c.dailyQuery, response: { 200: c.dailyValues } } },
    async (request) => getDailyValues(deps, await guard.tenant(request, readsSamples), request.query),
  );

  r.get(
    '/api/v1/sources',
    { schema: { tags, summary: 'Per metric, the sources seen and the priority between them', querystring: c.sourcesQuery, response: { 200: c.sourcesResponse } } },
    async (request) => listSources(deps, await guard.tenant(request, readsSamples), request.query),
  );

  r.put(
    '/api/v1/sources/:metric',
    {
      schema: {
        tags,
        summary: "Order a metric's sources (highest first); its daily values are recomputed",
        params: c.metricParams,
        body: c.sourcePriorityBody,
        response: { 202: c.metricSources },
      },
    },
    async (request, reply) => {
      const ctx = await guard.tenant(request, writesSamples);
      return reply.status(202).send(await setSourcePriority(deps, ctx, request.params.metric, request.body.priority));
    },
  );

  r.put(
    '/api/v1/me/time-zone',
    { schema: { tags: ['me'], summary: 'My IANA time zone, for timestamps that carry no offset', body: c.timeZoneBody, response: { 200: c.timeZoneResponse } } },
    async (request) => setTimeZone(deps, await guard.tenant(request, writesSamples), request.body.timeZone),
  );
}
