/** Where a desk keeps its files inside its data folder. */
import path from 'node:path';

export const deskPaths = (dataDir: string) => ({
  database: path.join(dataDir, 'desk.sqlite'),
  backups: path.join(dataDir, 'backups'),
  blobs: path.join(dataDir, 'blobs'),
  blobTemp: path.join(dataDir, 'blobs', 'tmp'),
});
