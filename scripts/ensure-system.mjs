import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/**
 * The Debian packages the tests drive. Installed here when running as root (CI, a fresh machine);
 * otherwise the exact command is printed and the run stops.
 */
const PACKAGES = [
  { name: 'chromium', probe: '/usr/bin/chromium' },
  // Firefox ESR for the Firefox end-to-end tests (tests/e2e/harness/firefox.ts starts this binary).
  { name: 'firefox-esr', probe: '/usr/lib/firefox-esr/firefox-esr' },
  // The TURN relay the relay-only call test runs on loopback.
  { name: 'coturn', probe: '/usr/bin/turnserver' },
  // `ip` and `tc` make and cut the private link between two test namespaces (tests/e2e/harness/netns.ts).
  { name: 'iproute2', probe: '/usr/sbin/tc' },
  // The storage tests start their own PostgreSQL server (tests/server/postgres.ts), whatever its major version.
  { name: 'postgresql', probe: () => debianPostgres() },
  // Several nodes share presence and rings through Redis: the cluster tests start their own (tests/server/redis.ts).
  { name: 'redis-server', probe: '/usr/bin/redis-server' },
  // The load balancer of deploy/, run in front of two nodes by tests/server/nginx-deploy.test.ts.
  { name: 'nginx', probe: '/usr/sbin/nginx' },
];

/** Debian puts each major version's server in /usr/lib/postgresql/<major>/bin. */
function debianPostgres() {
  const root = '/usr/lib/postgresql';
  return existsSync(root) && readdirSync(root).some((major) => existsSync(`${root}/${major}/bin/postgres`));
}

export function ensureSystemPackages() {
  const missing = PACKAGES.filter((p) => !(typeof p.probe === 'function' ? p.probe() : existsSync(p.probe))).map((p) => p.name);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`The tests need Debian packages that are not installed: ${missing.join(', ')}.\nInstall them with:\n  sudo ${command}`);
    process.exit(1);
  }
  console.info(`Installing ${missing.join(', ')} (Debian packages the tests need)…`);
  execFileSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
