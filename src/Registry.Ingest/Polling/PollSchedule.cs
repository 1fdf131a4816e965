using Quartz;

namespace Registry.Ingest.Polling;

/// <summary>The poll trigger: a cron expression when <c>Polling:Cron</c> is set, else every <c>Polling:Interval</c>.</summary>
internal static class PollSchedule
{
    public static void Validate(PollOptions options, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(options.Cron))
        {
            return;
        }

        CronExpression cron;
        try
        {
            cron = new CronExpression(options.Cron);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{PollOptions.Section}:Cron: '{options.Cron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. '0 0/5 * * * ?'): {e.Message}", e);
        }

        // A valid expression may name no time at all (31 February): Quartz refuses such a trigger
        // when the service starts, so say so now, as for any bad setting.
        if (cron.GetNextValidTimeAfter(time.GetUtcNow()) is null)
        {
            throw new InvalidOperationException($"{PollOptions.Section}:Cron: '{options.Cron}' never fires (it names no date that exists, or only past ones); the folder would never be polled.");
        }
    }

    public static void Add(IQuartzBuilder quartz, PollOptions options)
    {
        quartz.AddJob<PollJob>(j => j.WithIdentity(PollJob.Name));
        quartz.AddTrigger(t =>
        {
            t.ForJob(PollJob.Name).WithIdentity(PollJob.Name).StartNow();
            if (!string.IsNullOrWhiteSpace(options.Cron))
            {
                t.WithCronSchedule(options.Cron);
            }
            else
            {
                t.WithSimpleSchedule(s => s.WithInterval(options.Interval).RepeatForever());
            }
        });
    }
}
