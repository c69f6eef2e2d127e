// Which interactions a verification replays, in order, from the committed pacts or a team's own: the child that
// verifies them and the parent that names what a killed child never verified read the same plan.
import type { ApiVersion } from '../../contracts/index.ts';
import { readOwnPact } from './own-pacts.ts';
import type { PactDocument, PactInteraction } from './pact-interactions.ts';
import { pactFile } from './pact-names.ts';

/** One interaction to verify, with the pact it comes from. */
export interface PlannedInteraction {
  readonly apiVersion: ApiVersion;
  readonly interaction: PactInteraction;
  readonly document: PactDocument;
  readonly specification: 2 | 3 | 4;
  /** The pact's provider name, which the Verifier is told. */
  readonly provider: string;
  /** Why it is not replayed (its version was not asked for), when it is not. */
  readonly outOfScope?: string;
}

/** What decides the plan: the versions asked for, and the pacts (the committed ones when `ownPacts` is absent). */
export interface PlanRequest {
  readonly apiVersions: readonly ApiVersion[];
  /** Pact files to verify instead of the committed ones, one per version (tests). */
  readonly pactFiles?: Partial<Record<ApiVersion, string>>;
  /** A team's own pact files (occ verify --pact-dir / --pact), each interaction's version read from its path. */
  readonly ownPacts?: readonly string[];
}

function read(file: string) {
  const { pact, problem } = readOwnPact(file);
  if (pact === undefined) throw new Error(`Failed to read a pact: ${problem}`);
  return pact;
}

/** The interactions to verify, in the order they are replayed. */
export function pactPlan(request: PlanRequest): PlannedInteraction[] {
  if (request.ownPacts === undefined)
    return request.apiVersions.flatMap((version) => {
      const pact = read(request.pactFiles?.[version] ?? pactFile(version));
      return pact.interactions.map(({ interaction }) => ({
        apiVersion: version,
        interaction,
        document: pact.document,
        specification: pact.specification,
        provider: pact.provider,
      }));
    });
  return request.ownPacts.flatMap((file) => {
    const pact = read(file);
    return pact.interactions.map(({ apiVersion, interaction }) => ({
      apiVersion,
      interaction,
      document: pact.document,
      specification: pact.specification,
      provider: pact.provider,
      ...(request.apiVersions.includes(apiVersion)
        ? {}
        : { outOfScope: `--api-version ${request.apiVersions.join(',')} leaves ${apiVersion} out` }),
    }));
  });
}
