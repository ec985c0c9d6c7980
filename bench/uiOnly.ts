/**
 * `npm run bench:ui`: only the slider → paint figures with software raster (the main thread's own
 * cost), for quick checks while working on panels. `npm run bench` measures everything.
 */
import { benchUi } from './ui';
import { round } from './timing';
import { launch, SOFTWARE_RASTER_FLAGS, startPreview } from '../tests/browser/harness';

const prod = await startPreview();
try {
  const browser = await launch(SOFTWARE_RASTER_FLAGS);
  try {
    const u = await benchUi(browser, prod.origin, '?backends=cpu');
    const figures = {
      ui_cpuSoftRaster_sliderPausedP95Ms: round(u.sliderIdleP95Ms, 1),
      ui_cpuSoftRaster_sliderPausedMedianMs: round(u.sliderIdleMedianMs, 1),
      ui_cpuSoftRaster_sliderThPausedP95Ms: round(u.sliderThIdleP95Ms, 1),
      ui_cpuSoftRaster_sliderTrainingP95Ms: round(u.sliderTrainingP95Ms, 1),
      ui_cpuSoftRaster_fpsTraining: round(u.fps, 1),
      ui_cpuSoftRaster_longTasksOver50ms: u.longTasksOver50,
    };
    console.table(figures);
    console.log(JSON.stringify(figures));
  } finally {
    await browser.close();
  }
} finally {
  await prod.server.close();
}
