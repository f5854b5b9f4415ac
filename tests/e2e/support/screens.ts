/** Screenshots of the main screens: kept as test artifacts, and the current ones copied to docs/screenshots/. */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AppPage } from '../pages/app-page';
import { screenshotsDir } from './paths';

export async function saveScreens(app: AppPage, name: string): Promise<void> {
  const file = await app.screenshot(name);
  mkdirSync(screenshotsDir, { recursive: true });
  copyFileSync(file, path.join(screenshotsDir, `${name}.png`));
}
