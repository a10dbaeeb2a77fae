import { execFileSync } from 'node:child_process';
import { readdirSync, readlinkSync } from 'node:fs';

/** What a test that cuts a call's path could leave behind on the machine: proven unchanged afterwards. */
export interface HostNetwork {
  loopbackQdisc: string;
  links: string[];
}

export function hostNetwork(): HostNetwork {
  const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
  return {
    loopbackQdisc: execFileSync('tc', ['qdisc', 'show', 'dev', 'lo'], { encoding: 'utf8' }),
    links: links.split('\n').filter(Boolean).map((line) => line.split(':')[1]!.trim()).sort(),
  };
}

/** Processes still in any of these network namespaces (by inode): none once the namespaces are gone. */
export function processesInNamespaces(ids: number[]): number[] {
  const wanted = new Set(ids.map((id) => `net:[${id}]`));
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return wanted.has(readlinkSync(`/proc/${pid}/ns/net`));
      } catch {
        return false; // exited while we looked
      }
    })
    .map(Number);
}
