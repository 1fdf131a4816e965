using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Registry.Ingest.Polling;

/// <summary>
/// The scheduled poll. Never two at once (a poll that outlasts the interval delays the next). On
/// shutdown the current file is abandoned cleanly: its transaction rolls back and the next poll
/// takes it again. On an interval schedule, a poll that saw files not yet stable is followed by
/// one more poll when the first of them is due, if that is within one interval: otherwise a file
/// due just after the next scheduled poll (with <c>StableFor</c> equal to the interval, nearly
/// every file) would wait a whole extra interval. The wait holds the schedule for at most that
/// interval; a cron schedule (a time window) gets no extra poll.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class PollJob(DropFolderPoller poller, PollOptions options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<PollJob> log) : IJob
{
    public const string Name = "poll";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        try
        {
            var result = await Task.Run(() => poller.Poll(stop.Token), CancellationToken.None).ConfigureAwait(false);
            var wait = result.NextStableAt - time.GetUtcNow();
            if (options.Cron is null && wait <= options.Interval)
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait.Value, time, stop.Token).ConfigureAwait(false);
                }

                await Task.Run(() => poller.Poll(stop.Token), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            log.LogInformation("Poll stopped for shutdown");
        }
#pragma warning disable CA1031 // A failed poll must not stop the schedule: the next one retries.
        catch (Exception e)
#pragma warning restore CA1031
        {
            log.LogError(e, "Poll failed unexpectedly; the next poll runs on schedule");
        }
    }
}
