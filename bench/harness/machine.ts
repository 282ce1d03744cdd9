import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  node: string;
  os: string;
  memoryGiB: number;
}

export function machineFacts(): MachineFacts {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${platform()} ${release()}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}
