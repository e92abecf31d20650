import fc from 'fast-check';
import type { Residence } from './local-time.ts';
import type { Body, PersonProfile } from './profile.ts';
import { createSimulation, resolveOptions, type Simulation, type SimulationOptions } from './simulation.ts';

/** Shared by the simulator's tests. */
export const ADULT: Body & { readonly timeZone: string } = { age: 34, sex: 'female', fitness: 0.5, weightKg: 64, timeZone: 'Europe/Berlin' };

export function simulationOf(profile: PersonProfile, seed: number | string = 1, options: SimulationOptions = {}): Simulation {
  return createSimulation(profile, seed, resolveOptions(options, 60));
}

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Auckland'];

/** Anyone the simulator must handle: every age, build and fitness, zones with DST and odd offsets, and fixed offsets. */
export const anyProfile: fc.Arbitrary<PersonProfile> = fc
  .record({
    age: fc.integer({ min: 13, max: 100 }),
    sex: fc.constantFrom('female' as const, 'male' as const),
    fitness: fc.double({ min: 0, max: 1, noNaN: true }),
    weightKg: fc.double({ min: 30, max: 300, noNaN: true }),
    residence: fc.oneof(
      fc.constantFrom(...ZONES).map((timeZone): Residence => ({ timeZone })),
      fc.integer({ min: -48, max: 56 }).map((quarters): Residence => ({ utcOffsetMinutes: quarters * 15 })),
    ),
  })
  .map(({ residence, ...body }): PersonProfile => ({ ...body, ...residence }));
