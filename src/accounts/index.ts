export { createUserService, type PublicProfile, type StaffIdentity, type UserService } from './user-service.js';
