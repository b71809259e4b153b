import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { QueueName } from './job-catalogue';
import { HandlesJobs, JobHandlersCheck, jobHandlerProblems } from './job-handlers';

@Injectable()
@HandlesJobs(QueueName.Documents, 'document.render')
class RenderOnly {}

@Injectable()
@HandlesJobs(QueueName.Reminders, 'deadline.reminder', 'deadline.sweep', 'deadline.reconcile')
class Reminders {}

@Injectable()
@HandlesJobs(QueueName.Notifications, 'notification.email')
class Email {}

@Injectable()
@HandlesJobs(QueueName.Archives, 'archive.build')
class Archives {}

@Injectable()
@HandlesJobs(QueueName.Insights, 'stall.sweep', 'digest.weekly')
class Insights {}

async function startWorker(...processors: (new () => object)[]): Promise<void> {
  @Module({ imports: [DiscoveryModule], providers: [JobHandlersCheck, ...processors] })
  class Worker {}
  const moduleRef = await Test.createTestingModule({ imports: [Worker] }).compile();
  try {
    await moduleRef.init();
  } finally {
    await moduleRef.close();
  }
}

describe('the worker and the job catalogue', () => {
  it('refuses to start when a job of the catalogue has no handler', async () => {
    await expect(startWorker(RenderOnly, Email, Archives, Insights)).rejects.toThrow(
      /cannot start.*no handler for deadline\.reminder \(queue reminders\); no handler for deadline\.sweep/,
    );
  });

  it('starts when every job has its handler', async () => {
    await expect(
      startWorker(RenderOnly, Reminders, Email, Archives, Insights),
    ).resolves.toBeUndefined();
  });

  it('names a handler on the wrong queue, an unknown job and a job handled twice', () => {
    expect(
      jobHandlerProblems([
        { handler: 'A', queue: QueueName.Documents, jobs: ['document.render'] },
        {
          handler: 'B',
          queue: QueueName.Documents,
          jobs: ['document.render', 'notification.email'],
        },
        {
          handler: 'C',
          queue: QueueName.Reminders,
          jobs: ['deadline.reminder', 'deadline.sweep', 'deadline.reconcile'],
        },
        { handler: 'D', queue: QueueName.Reminders, jobs: ['nightly.backup' as never] },
        { handler: 'E', queue: QueueName.Archives, jobs: ['archive.build'] },
        { handler: 'F', queue: QueueName.Insights, jobs: ['stall.sweep', 'digest.weekly'] },
      ]),
    ).toEqual([
      'B takes notification.email from the documents queue, the catalogue puts it on notifications',
      'D handles nightly.backup, which is not in the job catalogue',
      'document.render has several handlers: A, B',
    ]);
  });
});
