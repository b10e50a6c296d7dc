/** Writes a synthetic capture to a temp file and dissects it. */
import { pcapFile } from '../../support/captureFiles';
import { tempDir } from '../../support/tools';
import { type Capture } from './conversation';
import { dissectFiles, type Dissected } from './dissectFile';

export interface SyntheticRun extends Dissected {
  file: string;
}

export async function dissectCapture(cap: Capture, name = 'synthetic.pcap'): Promise<SyntheticRun> {
  const tmp = tempDir('dissect-synth-');
  const file = tmp.file(name, pcapFile({ linkType: 1, packets: cap.packets }));
  const run = await dissectFiles([file]);
  return { ...run, file, cleanup: () => { run.cleanup(); tmp.cleanup(); } };
}
