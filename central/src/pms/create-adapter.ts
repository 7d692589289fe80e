import type { FolioService } from '@roompost/folio';
import type { Logger } from '@roompost/sync';
import type { PmsAdapter } from './adapter.js';
import { createBuiltinAdapter } from './builtin/builtin-adapter.js';
import type { PmsConfig } from './pms-config.js';

export interface AdapterDeps {
  folio: FolioService;
  logger: Logger;
}

/** The adapter the config names. Each PMS adds its case here. */
export async function createPmsAdapter(config: PmsConfig, deps: AdapterDeps): Promise<PmsAdapter> {
  switch (config.kind) {
    case 'builtin':
      return createBuiltinAdapter(deps.folio);
  }
}
