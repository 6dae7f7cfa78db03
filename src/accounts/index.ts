export { createUserService, type PublicProfile, type UserService } from './user-service.js';
