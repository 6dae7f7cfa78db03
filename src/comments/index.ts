export type { CommentId, CommentStatus, ModerationStatus } from './comment.js';
export { commentStatuses } from './comment.js';
export { commentErrorCodes, duplicateCommentError } from './errors.js';
export { renderCommentText } from './comment-text.js';
export { type FoundLink, countLinks, findLinks } from './links.js';
export {
  COMMENT_MAX_CHARACTERS,
  COMMENT_MIN_CHARACTERS,
  type CommentInput,
  type CommentInputResult,
  countCharacters,
  type FieldError,
  type ValidateCommentInputOptions,
  validateCommentInput,
} from './comment-input.js';
export {
  type BuildThreadsOptions,
  buildThreads,
  type CommentThread,
  resolveParentForReply,
  type ThreadableComment,
  type ThreadPage,
} from './threads.js';
export type { SpamChecker, SpamCheckInput, SpamCheckOutcome, SpamCheckResult } from './spam-checker.js';
export { createRuleSpamChecker, type RuleSpamCheckerOptions } from './rule-spam-checker.js';
export { type CheckWithTimeoutOptions, checkWithTimeout, systemTimer, type Timer } from './check-with-timeout.js';
export { findBlockedEmailDomain, findBlockedIp, findBlockedTerms, isValidIpEntry } from './blocklist.js';
export type { ModerationContext, ModerationFlag, ModerationInput, ModerationPhase, PhaseResult } from './moderation/phase.js';
export { type ModerationDecision, moderateComment, moderationPhases } from './moderation/pipeline.js';
export {
  type Blocklist,
  type BlocklistAction,
  defaultModerationSettings,
  type ModerationMode,
  type ModerationSettings,
  moderationSettingsSchema,
  parseModerationSettings,
} from './moderation/settings.js';
export { type FormTokenCheck, issueFormToken, type VerifyFormTokenOptions, verifyFormToken } from './form-token.js';
export { addPendingCommentId, PENDING_COOKIE_MAX_IDS, readPendingCommentIds, signPendingCommentIds } from './pending-cookie.js';
export { type DuplicateKeyInput, duplicateCommentHash, normaliseForDuplicate } from './duplicate.js';
export type { SpamLearner, SpamTrainingData, TrainingExample } from './spam-checker.js';
export type { ApiKeyVerifier, CommentServiceDeps } from './comment-deps.js';
export { type CommentService, createCommentService } from './comment-service.js';
export {
  type CommentPolicy,
  type CommentSettings,
  type CommentSettingsPatch,
  commentSettingsSchema,
  commentsOpenFor,
  defaultCommentSettings,
  parseCommentSettings,
} from './comment-settings.js';
export type { ArticleComments, ArticleCommentsOptions } from './article-comments.js';
export type { PublicComment, StoredComment } from './stored-comment.js';
export type { Commenter, SubmitCommentOutcome, SubmitCommentRequest, SubmitError } from './submit-comment.js';
export { type ModerationAction, moderationActions } from './moderate-comment.js';
export type { BulkOutcome, CommentActivity, QueuePage, QueueQuery, StaffReplyOutcome } from './moderation-queue.js';
export { QUEUE_SEARCH_MAX } from './moderation-queue.js';
export type { RetentionResult } from './retention.js';
export type { CommenterExport, EraseOutcome } from './commenter-data.js';
export { defaultPrivacyText, privacyText } from './privacy-text.js';
