import { CoalescingTask } from './coalescing-task';

describe('CoalescingTask', () => {
  it('runs once more for any number of requests made while it runs', async () => {
    const started: number[] = [];
    let release: () => void = () => undefined;
    const task = new CoalescingTask(async () => {
      started.push(started.length);
      await new Promise<void>((resolve) => (release = resolve));
    });
    const first = task.request();
    const second = task.request();
    const third = task.request();
    expect(started).toEqual([0]);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    release();
    await Promise.all([first, second, third]);
    expect(started).toEqual([0, 1]);
  });

  it('runs again when asked after a run has ended, and passes a failure to who asked', async () => {
    let runs = 0;
    const task = new CoalescingTask(async () => {
      runs += 1;
      if (runs === 1) throw new Error('the log is unreadable');
    });
    await expect(task.request()).rejects.toThrow('the log is unreadable');
    await task.request();
    expect(runs).toBe(2);
  });
});
