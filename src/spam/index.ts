/** Public API of the spam domain: classify, learn, train, (de)serialise, evaluate; the site's filter and its Akismet API. */
export { createClassifier, type SpamClassifier, type SpamResult, type SpamVerdict, type Thresholds, verdictFor } from './classifier.js';
export { type DatasetFormat, loadDataset, parseDataset, splitExamples } from './datasets.js';
export { DEFAULT_MODEL_URL, loadDefaultModel } from './default-model.js';
export { type EvalReport, evaluate, evaluateFiles, formatEvalReport } from './evaluate.js';
export { FEATURE_GROUPS, type FeatureGroup, type FeatureOptions, type SpamInput } from './features.js';
export { createModel, modelBytes, type SpamLabel, type SpamModel } from './model.js';
export { deserializeModel, serializeModel } from './serialize.js';
export { type LabelledExample, type TrainOptions, trainModel } from './train.js';
export { type AkismetAnswer, type AkismetEndpoint, type AkismetRequest, type AkismetService, AKISMET_ENDPOINTS, THANKS } from './akismet/akismet-service.js';
export { type AkismetKeyService, KEY_PATTERN, type KeyStats, type StatsPeriod } from './akismet/akismet-keys.js';
export { toFields } from './akismet/wire-format.js';
export { createAkismetKeyVerifier, createClassifierSpamChecker, createClassifierSpamLearner, createSpamTrainingData, toSpamInput } from './spam-checker-adapter.js';
export type { ExampleSource } from './spam-repository.js';
export { BLATANT_SCORE, type SpamClassification, type SpamService, type SpamServiceDeps, type TrainProgress, type TrainSummary } from './spam-service.js';
export { createSpamServices, type SpamServices } from './spam-services.js';
