import type { ClosableMrzReader, MrzReaderOptions } from '../../common/analysis/mrz-ocr';
import type { AnalysisEnvironment } from '../../common/analysis/precheck';
import { analysisAssets } from './asset-paths';
import { createNodeFaceAnalyzer } from './node-face-analyzer';
import { decodeWithSharp } from './node-image';
import { createNodeMrzReader } from './node-mrz-reader';

export interface NodeAnalysis extends AnalysisEnvironment {
  mrz: ClosableMrzReader;
  close(): Promise<void>;
}

/** The engine's Node environment: sharp decoding, Human (WASM) faces, tesseract MRZ. Load once, reuse. */
export async function createNodeAnalysis(mrzOptions: MrzReaderOptions = {}): Promise<NodeAnalysis> {
  const assets = analysisAssets();
  const [faces, mrz] = await Promise.all([createNodeFaceAnalyzer(assets), createNodeMrzReader(assets, mrzOptions)]);
  return {
    decode: decodeWithSharp,
    faces,
    mrz,
    close: () => mrz.close(),
  };
}
