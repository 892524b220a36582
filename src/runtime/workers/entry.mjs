// Worker bootstrap: worker threads need the TypeScript loader registered before the handler is imported.
import { register } from 'tsx/esm/api';

register();
const handler = await import('./chunkWorker.ts');
export default handler.default;
