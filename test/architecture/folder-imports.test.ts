import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeCycle, folderCycles, folderGraph, relativeImports, topFolder } from './import-graph';

const repoRoot = path.resolve(__dirname, '..', '..');
const serverSource = path.join(repoRoot, 'server', 'src');

describe('folder imports under server/src', () => {
  it('run one way: no folder imports a folder that imports it back', () => {
    const cycles = folderCycles(folderGraph(serverSource));
    expect(cycles.map((cycle) => describeCycle(serverSource, cycle))).toEqual([]);
  });

  it('never reach dev and test tooling or the demo seeds, which the production image does not carry', () => {
    const tooling = ['server/dev', 'seeds', 'test', 'bench'].map((folder) => path.join(repoRoot, folder) + path.sep);
    const offending = relativeImports(serverSource)
      .filter((edge) => tooling.some((folder) => edge.to.startsWith(folder)))
      .map((edge) => `${path.relative(repoRoot, edge.from)} -> ${path.relative(repoRoot, edge.to)}`);
    expect(offending).toEqual([]);
  });

  it('keep shared/ on the ground floor: it imports only the contract', () => {
    const upward = relativeImports(path.join(serverSource, 'shared'))
      .map((edge) => ({ edge, folder: topFolder(serverSource, edge.to) }))
      .filter(({ folder }) => folder !== 'shared' && folder !== 'contract')
      .map(({ edge }) => `${path.relative(repoRoot, edge.from)} -> ${path.relative(repoRoot, edge.to)}`);
    expect(upward).toEqual([]);
  });
});

const clientSource = path.join(repoRoot, 'client', 'src');

/** The web client's floors, top to bottom; a file may import its own floor or any floor below it. api holds what talks to the server (Apollo, /auth, the session, error reading), below every page and widget. */
const clientFloors = ['app', 'features', 'components', 'api', 'gql', 'styles'];

describe('folder imports under client/src', () => {
  it('run one way: no folder imports a folder that imports it back', () => {
    const cycles = folderCycles(folderGraph(clientSource));
    expect(cycles.map((cycle) => describeCycle(clientSource, cycle))).toEqual([]);
  });

  it('no feature imports a feature that imports it back', () => {
    const features = path.join(clientSource, 'features');
    const cycles = folderCycles(folderGraph(features));
    expect(cycles.map((cycle) => describeCycle(features, cycle))).toEqual([]);
  });

  it('point downwards only: app -> features -> components -> api -> gql', () => {
    const floorOf = (file: string) => clientFloors.indexOf(topFolder(clientSource, file) ?? '');
    const upward = relativeImports(clientSource)
      .filter((edge) => !edge.from.startsWith(path.join(clientSource, 'gql') + path.sep))
      .filter((edge) => floorOf(edge.from) >= 0 && floorOf(edge.to) >= 0 && floorOf(edge.to) < floorOf(edge.from))
      .map((edge) => `${path.relative(repoRoot, edge.from)} -> ${path.relative(repoRoot, edge.to)}`);
    expect(upward).toEqual([]);
  });

  it('know every top folder, so a new one is placed on a floor deliberately', () => {
    const folders = new Set(relativeImports(clientSource).flatMap((edge) => [topFolder(clientSource, edge.from), topFolder(clientSource, edge.to)]));
    const unplaced = [...folders].filter((folder): folder is string => !!folder && !clientFloors.includes(folder) && folder !== 'test'); // test/ holds the component tests' setup
    expect(unplaced).toEqual([]);
  });
});

describe('the folder-cycle check itself', () => {
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'folder-cycles-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds a cycle made of a type-only import and a dynamic import, through a third folder', () => {
    write('a/one.ts', "import type { Two } from '../b/two';\nexport type One = Two;\n");
    write('b/two.ts', "export type Two = string;\nexport const load = () => import('../c/three');\n");
    write('c/three.ts', "export { type One } from '../a/one';\n");
    write('main.ts', "import '../outside';\nimport './a/one';\n");
    expect(folderCycles(folderGraph(root))).toEqual([['a', 'b', 'c']]);
  });

  it('passes a tree whose arrows all point one way, and ignores generated files', () => {
    write('a/one.ts', "import { two } from '../b/two';\nexport const one = two;\n");
    write('b/two.ts', "export const two = 2;\n");
    write('b/generated/types.ts', "import type { one } from '../../a/one';\nexport type T = typeof one;\n");
    expect(folderCycles(folderGraph(root))).toEqual([]);
  });
});
