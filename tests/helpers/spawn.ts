import { spawn, type ChildProcess } from 'node:child_process';

/** A child process in its own process group, with its output collected. */
export interface GroupChild {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills the whole process group (the tsx loader, workers, everything it started). */
  kill(signal?: NodeJS.Signals): void;
}

const running = new Set<GroupChild>();

/**
 * Spawns `node --import tsx <script> ...args` detached, in its own process group, so that
 * {@link killAll} (call it in afterEach/finally) leaves nothing behind on any path, timeouts included.
 */
export function spawnTsx(script: string, args: string[], options: SpawnOptions = {}): GroupChild {
  return spawnNode(['--import', 'tsx', script, ...args], options);
}

/** How a child is started. */
export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this user (root only), e.g. to meet a file the user cannot write. */
  uid?: number;
  gid?: number;
  onStdout?: (line: string) => void;
}

/** Spawns `node <args>` detached, in its own process group (see {@link spawnTsx}). */
export function spawnNode(args: string[], options: SpawnOptions = {}): GroupChild {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: options.env ?? process.env, ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }) });
  let out = '';
  let err = '';
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk;
    if (!options.onStdout) return;
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop()!;
    for (const line of lines) options.onStdout(line);
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const handle: GroupChild = {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    kill: (signal = 'SIGKILL') => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group is gone already
      }
    },
  };
  running.add(handle);
  void exited.then(() => {
    // The leader exited; anything it left in its group goes too.
    handle.kill('SIGKILL');
    running.delete(handle);
  });
  return handle;
}

/** Kills every process group spawned by this test file that is still running. */
export function killAll(): void {
  for (const handle of running) handle.kill('SIGKILL');
  running.clear();
}
