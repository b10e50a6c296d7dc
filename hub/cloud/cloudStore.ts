import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { cp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CloudJob } from '../../protocol/hubApi';
import { type Logger } from '../server/log';
import { parseRecord, SNAPSHOT_FILE, type SnapshotRecord, isSnapshotId } from '../snapshots/snapshotRecord';
import { writeFileAtomic } from '../util/atomicFile';

/**
 * The "cloud" of the local Hub (hub-api.md §5.20–§5.23): a folder (`--cloud-folder DIR` or a
 * `file://` URL) holding one sub-folder per uploaded snapshot, laid out like the state folder.
 * Transfers are asynchronous jobs; a copy lands under a temporary name and is renamed into place,
 * so an interrupted transfer never leaves a snapshot that looks whole. Jobs are kept in
 * `<state>/cloud-jobs.json`; one still running at start-up is marked failed ("interrupted").
 */
export class CloudStore {
  readonly root: string | null;
  private readonly jobs = new Map<string, CloudJob>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly jobsFile: string;

  constructor(location: string | null, stateDir: string, private readonly log: Logger) {
    this.root = location === null ? null : location.startsWith('file:') ? fileURLToPath(location) : path.resolve(location);
    if (this.root) mkdirSync(this.root, { recursive: true });
    this.jobsFile = path.join(stateDir, 'cloud-jobs.json');
    this.loadJobs();
  }

  get enabled(): boolean {
    return this.root !== null;
  }

  connected(): boolean {
    return this.root !== null && existsSync(this.root);
  }

  has(id: string): boolean {
    return this.root !== null && isSnapshotId(id) && existsSync(path.join(this.root, id, SNAPSHOT_FILE));
  }

  /** Snapshot records stored in the cloud folder. */
  list(): SnapshotRecord[] {
    if (!this.root) return [];
    const out: SnapshotRecord[] = [];
    for (const e of safeReaddir(this.root)) {
      if (!isSnapshotId(e)) continue;
      try {
        const r = parseRecord(readFileSync(path.join(this.root, e, SNAPSHOT_FILE), 'utf8'));
        if (r && r.id === e) out.push(r);
      } catch {
        // not (yet) a complete upload
      }
    }
    return out;
  }

  job(id: string): CloudJob | undefined {
    return this.jobs.get(id);
  }

  /** Resolves when the job has finished (tests; shutdown). */
  async settled(jobId: string): Promise<void> {
    await this.running.get(jobId);
  }

  /** Copies `sourceDir` to `<cloud>/<id>`. */
  upload(snapshotId: string, sourceDir: string): CloudJob {
    return this.start(snapshotId, 'upload', sourceDir, path.join(this.root!, snapshotId));
  }

  /** Copies `<cloud>/<id>` to `targetDir`; `onDone` adopts it into the snapshot store. */
  download(snapshotId: string, targetDir: string, onDone: () => void): CloudJob {
    return this.start(snapshotId, 'download', path.join(this.root!, snapshotId), targetDir, onDone);
  }

  private start(snapshotId: string, operation: 'upload' | 'download', from: string, to: string, onDone?: () => void): CloudJob {
    const job: CloudJob = { job_id: `job-${randomBytes(6).toString('hex')}`, snapshot_id: snapshotId, operation, status: 'in_progress', error: null, started_at: Date.now(), completed_at: null };
    this.jobs.set(job.job_id, job);
    this.saveJobs();
    const work = (async () => {
      const temp = path.join(path.dirname(to), `.${path.basename(to)}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        await cp(from, temp, { recursive: true, filter: (src) => !path.basename(src).endsWith('.tmp') });
        await rm(to, { recursive: true, force: true });
        await rename(temp, to);
        onDone?.();
        job.status = 'completed';
      } catch (e) {
        await rm(temp, { recursive: true, force: true });
        job.status = 'failed';
        job.error = (e as Error).message;
        this.log.error('cloud-job-failed', { job: job.job_id, error: job.error });
      }
      job.completed_at = Date.now();
      this.saveJobs();
    })();
    this.running.set(job.job_id, work.finally(() => this.running.delete(job.job_id)));
    return job;
  }

  private loadJobs(): void {
    let saved: unknown;
    try {
      saved = JSON.parse(readFileSync(this.jobsFile, 'utf8'));
    } catch {
      return;
    }
    if (!Array.isArray(saved)) return;
    for (const j of saved as CloudJob[]) {
      if (typeof j !== 'object' || j === null || typeof j.job_id !== 'string') continue;
      if (j.status === 'in_progress') {
        j.status = 'failed';
        j.error = 'interrupted: the Hub stopped during the transfer';
        j.completed_at = Date.now();
      }
      this.jobs.set(j.job_id, j);
    }
    this.saveJobs();
  }

  private saveJobs(): void {
    writeFileAtomic(this.jobsFile, JSON.stringify([...this.jobs.values()]));
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
