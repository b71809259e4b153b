import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../config';
import { AccessPolicyService } from './access-policy.service';
import { ActorCache } from './actor-cache';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CredentialHooks } from './credential-hooks';
import { JwtAuthGuard } from './jwt-auth.guard';
import { LoginLimiterService } from './login-limiter.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject made once: given a string, jsonwebtoken tries to parse it as a public key
        // on every verification before it falls back to HMAC (most of a token check's cost).
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
        signOptions: { expiresIn: config.accessTokenTtlSeconds, issuer: 'wspolnie' },
        verifyOptions: { issuer: 'wspolnie' },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    UsersService,
    ActorCache,
    CredentialHooks,
    LoginLimiterService,
    AccessPolicyService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [AccessPolicyService, UsersService, AuthService, ActorCache, CredentialHooks],
})
export class AuthModule {}
