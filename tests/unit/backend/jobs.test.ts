import { describe, expect, it } from 'vitest';
import { JobManager } from '../../../src/backend/jobs/jobManager';

describe('job manager', () => {
  it('reports progress and completes', async () => {
    const jobs = new JobManager();
    const seen: number[] = [];
    jobs.onChange((j) => seen.push(j.progress));
    const job = jobs.start('demo', async (ctx) => {
      for (let i = 0; i <= 10; i++) {
        ctx.progress(i / 10, `${i}`);
        await new Promise((r) => setTimeout(r, 15));
      }
      return { ok: 1 };
    });
    const done = await jobs.wait(job.id);
    expect(done.state).toBe('done');
    expect(done.result).toEqual({ ok: 1 });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen[seen.length - 1]).toBe(1);
  });

  it('cancels a running job', async () => {
    const jobs = new JobManager();
    let iterations = 0;
    const job = jobs.start('demo', async (ctx) => {
      for (;;) {
        ctx.throwIfCancelled();
        iterations++;
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    await new Promise((r) => setTimeout(r, 40));
    expect(jobs.cancel(job.id)).toBe(true);
    const done = await jobs.wait(job.id);
    expect(done.state).toBe('cancelled');
    expect(iterations).toBeGreaterThan(0);
    expect(jobs.cancel(job.id)).toBe(false);
  });

  it('records failures with their message', async () => {
    const jobs = new JobManager();
    const job = jobs.start('demo', () => {
      throw new Error('plik uszkodzony');
    });
    const done = await jobs.wait(job.id);
    expect(done.state).toBe('failed');
    expect(done.error).toBe('plik uszkodzony');
  });
});
