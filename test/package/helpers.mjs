/**
 * The package suite tests what a new user gets (issue #10): the tarball `npm pack` makes, installed
 * into a fresh project in a temporary folder, with that project's own tools.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'test', 'package', 'fixtures');
/** The repository's own compiler (typescript 5.9), run against the temporary project. */
export const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
export const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Runs a command; resolves with its output whatever the exit status, so a test can show it. */
export async function sh(file, args, options = {}) {
  try {
    const { stdout, stderr } = await run(file, args, { maxBuffer: 32 * 1024 * 1024, timeout: 120_000, ...options });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code ?? 1, stdout: error.stdout ?? '', stderr: error.stderr ?? String(error) };
  }
}

const npm = (args, cwd) => sh('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd });

/**
 * Packs the repository as built (`npm pack --ignore-scripts`: `npm test` has just run the build that
 * `prepack` would run; `prepack` itself has its own test) and installs the tarball, React 19's
 * types and Vite into a new project. Returns the project folder and the tarball's file list.
 */
export async function installTarball() {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first.');
  const dir = mkdtempSync(join(tmpdir(), 'cid-consent-package-'));
  const packed = await npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const [{ filename, files }] = JSON.parse(packed.stdout);
  const project = join(dir, 'consumer');
  cpSync(FIXTURES, project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const installed = await npm(['install', join(dir, filename), '@types/react@^19', 'vite@^8'], project);
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.stderr}`);
  return { dir, project, files: files.map((f) => f.path) };
}

/** A strict tsconfig for one fixture file, written into the project; returns its name. */
export function tsconfig(project, name, files, options) {
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'es2022',
      lib: ['es2022', 'dom', 'dom.iterable'],
      types: [],
      skipLibCheck: false,
      ...options,
    },
    files,
  };
  writeFileSync(join(project, name), JSON.stringify(config, null, 2));
  return name;
}

/** `tsc -p` in the project: the compiler's own output is the failure message. */
export async function typecheck(project, config) {
  const result = await sh(process.execPath, [TSC, '-p', config, '--pretty', 'false'], { cwd: project });
  return { ...result, message: `tsc -p ${config}:\n${result.stdout}${result.stderr}` };
}
