import { byIdLoader } from '../db/loaders';
import { SolutionModel } from './solution.model';

/** Batches solution look-ups by id. Visibility is the caller's: a response shows the solution it was made with, even once archived. */
export function createSolutionLoaders() {
  return { solutionById: byIdLoader(SolutionModel) };
}
