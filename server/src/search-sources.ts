import { challengeSearchSource } from './challenges/challenge.search';
import { solutionSearchSource } from './solutions/solution.search';
import { organisationSearchSource } from './organisations/organisation.search';
import type { SearchSource, TrackedRecord } from './search-sync/search-source';

/** Every index Pilotline keeps, in the order a rebuild fills them. */
export const searchSources = [challengeSearchSource, solutionSearchSource, organisationSearchSource] as unknown as SearchSource<TrackedRecord>[];
