import fs from 'node:fs';
import path from 'node:path';

/**
 * One process owns a data directory at a time. The lock file names the owner, so a second
 * `npm start` can say which process is in the way instead of corrupting the first one's database.
 */
export type LockOwner = {
  pid: number;
  kind: 'server' | 'cli';
  startedAt: string;
  postgresPort?: number;
};

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `Another MACA ${owner.kind === 'server' ? 'service' : 'command'} (process ${owner.pid}, ` +
        `started ${owner.startedAt}) ` +
        `is using the data directory ${dataDir}. Stop that process first, or set MACA_DATA_DIR to another directory.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLock {
  private constructor(
    private readonly file: string,
    private owner: LockOwner,
  ) {}

  static lockFile(dataDir: string): string {
    return path.join(dataDir, 'maca.lock');
  }

  /** The live owner of the directory, if any; a lock left by a dead process does not count. */
  static currentOwner(dataDir: string): LockOwner | undefined {
    try {
      const owner = JSON.parse(fs.readFileSync(DataDirLock.lockFile(dataDir), 'utf8')) as LockOwner;
      return isAlive(owner.pid) && owner.pid !== process.pid ? owner : undefined;
    } catch {
      return undefined;
    }
  }

  static acquire(dataDir: string, kind: LockOwner['kind']): DataDirLock {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = DataDirLock.lockFile(dataDir);
    const owner: LockOwner = { pid: process.pid, kind, startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.writeFileSync(file, JSON.stringify(owner), { flag: 'wx', mode: 0o600 });
        return new DataDirLock(file, owner);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const current = DataDirLock.currentOwner(dataDir);
        if (current) throw new DataDirInUseError(dataDir, current);
        // A stale lock from a process that died: remove it and try again.
        fs.rmSync(file, { force: true });
      }
    }
    throw new Error(`Could not lock the data directory ${dataDir}.`);
  }

  update(change: Partial<LockOwner>): void {
    this.owner = { ...this.owner, ...change };
    fs.writeFileSync(this.file, JSON.stringify(this.owner), { mode: 0o600 });
  }

  release(): void {
    try {
      const onDisk = JSON.parse(fs.readFileSync(this.file, 'utf8')) as LockOwner;
      if (onDisk.pid === process.pid) fs.rmSync(this.file, { force: true });
    } catch {
      // Already gone.
    }
  }
}
