import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, executablePath } from './scripts/chromium.mjs';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [chromeLauncher({ launchOptions: { executablePath, args: chromiumArgs } })],
  // Test files share the browser's cookie jar for localhost, so they run one at a time.
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
};
