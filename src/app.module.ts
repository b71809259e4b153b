import { Module } from '@nestjs/common';
import { CoreModule } from './core.module';
import { HealthModule } from './health/health.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PartnershipsModule } from './partnerships/partnerships.module';

/** The HTTP API. Rendering and e-mail never run here: they go through the outbox to the worker. */
@Module({
  imports: [CoreModule, HealthModule, OrganisationsModule, PartnershipsModule],
})
export class AppModule {}
