export declare const WORKER_BUNDLE: string;
export declare function buildEvaluationWorker(root?: string, outfile?: string): Promise<string>;
