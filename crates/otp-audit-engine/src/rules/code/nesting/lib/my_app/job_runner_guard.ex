defmodule MyApp.JobRunnerGuard do
  @moduledoc "Runs a stored job once its form is known."

  def run(job) do
    Task.start(fn ->
      case job.term do
        {mod, fun, args} ->
          if MyApp.Config.behaviours_only?() do #~ code/nesting
            raise "cannot run an MFA job: the application is configured to run behaviour jobs only, see the jobs guide"
          else
            apply(mod, fun, args)
          end

        {mod, arg} ->
          mod.perform(arg)
      end
    end)
  end

  def run_logged(job) do
    Task.start(fn ->
      case job.term do
        {mod, fun, args} ->
          if MyApp.Config.behaviours_only?() do #~ code/nesting
            raise "cannot run an MFA job"
          else
            Logger.info("running #{inspect(mod)}")
            apply(mod, fun, args)
          end

        {mod, arg} ->
          mod.perform(arg)
      end
    end)
  end
end
