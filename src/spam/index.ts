/** Public API of the spam domain: classify, learn, train, (de)serialise, evaluate. */
export { createClassifier, type SpamClassifier, type SpamResult, type SpamVerdict, type Thresholds, verdictFor } from './classifier.js';
export { type DatasetFormat, loadDataset, parseDataset, splitExamples } from './datasets.js';
export { DEFAULT_MODEL_URL, loadDefaultModel } from './default-model.js';
export { type EvalReport, evaluate, evaluateFiles, formatEvalReport } from './evaluate.js';
export { FEATURE_GROUPS, type FeatureGroup, type FeatureOptions, type SpamInput } from './features.js';
export { createModel, modelBytes, type SpamLabel, type SpamModel } from './model.js';
export { deserializeModel, serializeModel } from './serialize.js';
export { type LabelledExample, type TrainOptions, trainModel } from './train.js';
