/** @module Start-up checks: each missing prerequisite is one line saying how to install it. */
import { execFileSync } from 'node:child_process';

export interface PrerequisiteReport {
  problems: string[];
  redisVersion?: string;
}

export function parseRedisVersion(output: string): string | undefined {
  return /v=(\d+\.\d+\.\d+)/.exec(output)?.[1];
}

export function checkPrerequisites(redisServer: string, nodeVersion = process.versions.node): PrerequisiteReport {
  const problems: string[] = [];
  const [nodeMajor = 0, nodeMinor = 0] = nodeVersion.split('.').map(Number);
  if (nodeMajor < 22 || (nodeMajor === 22 && nodeMinor < 12)) {
    problems.push(
      `Node.js ${nodeVersion} is too old: cachelab needs Node.js >= 22.12. Install it with \`nvm install 22\` (the repo has an .nvmrc) or from https://nodejs.org.`,
    );
  }
  let redisVersion: string | undefined;
  try {
    redisVersion = parseRedisVersion(execFileSync(redisServer, ['--version'], { encoding: 'utf8', timeout: 5000 }));
  } catch {
    problems.push(
      `redis-server was not found (looked for "${redisServer}"). Install it: \`sudo apt-get install redis-server redis-tools\` or \`brew install redis\`, or set CACHELAB_REDIS_SERVER to its path.`,
    );
  }
  if (redisVersion && Number(redisVersion.split('.')[0]) < 7) {
    problems.push(
      `redis-server ${redisVersion} is too old: cachelab needs Redis >= 7. Upgrade it (\`sudo apt-get install redis-server\` on Debian 12+, \`brew upgrade redis\`) or set CACHELAB_REDIS_SERVER.`,
    );
  }
  return { problems, redisVersion };
}
