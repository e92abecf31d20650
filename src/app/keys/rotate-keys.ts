import type { RotatingSecretBox, Sql, Transactions } from '../ports.ts';

/** One secret sealed at rest, with the AAD it was sealed under. */
export interface SealedItem {
  /** Orders the items of its set (keyset paging). */
  position: string;
  sealed: string;
  aad: string;
}

/** A column of sealed secrets, across tenants (read and written by the system only). */
export interface SealedSet {
  readonly name: string;
  page(sql: Sql, after: string | undefined, limit: number): Promise<SealedItem[]>;
  /** Replaces the item's ciphertext unless it changed since it was read (false). */
  replace(sql: Sql, item: SealedItem, resealed: string): Promise<boolean>;
}

export interface RotateKeysDeps {
  tx: Transactions;
  box: RotatingSecretBox;
  sets: readonly SealedSet[];
}

export interface RotationReport {
  /** Per set: secrets sealed again with the newest key. */
  resealed: Record<string, number>;
  /** Secrets the newest key had sealed already. */
  current: number;
  /** Secrets that changed while being re-sealed (sealed anew meanwhile, so with the newest key). */
  skipped: number;
}

const BATCH = 200;

/**
 * `vitalis keys rotate`: every secret at rest that an older key sealed is sealed again with the
 * newest, batch by batch, each write conditional on the value read (a token refreshed meanwhile
 * is left as its refresh sealed it). Once it reports nothing older, older keys may leave the ring.
 */
export async function rotateKeys(deps: RotateKeysDeps): Promise<RotationReport> {
  const report: RotationReport = { resealed: {}, current: 0, skipped: 0 };
  for (const set of deps.sets) {
    report.resealed[set.name] = 0;
    let after: string | undefined;
    for (;;) {
      const items = await deps.tx.withSystem(`re-seal ${set.name} with the newest key`, async (sql) => {
        const page = await set.page(sql, after, BATCH);
        for (const item of page) {
          if (deps.box.sealedWithNewestKey(item.sealed)) report.current += 1;
          else if (await set.replace(sql, item, deps.box.seal(deps.box.open(item.sealed, item.aad), item.aad))) report.resealed[set.name]! += 1;
          else report.skipped += 1;
        }
        return page;
      });
      if (items.length < BATCH) break;
      after = items[items.length - 1]!.position;
    }
  }
  return report;
}
