defmodule MyApp.PageWriter do
  @moduledoc "Renders one HTML page per report section into the output folder."

  def write_pages(sections, output) do
    sections
    |> Task.async_stream(&write_page(output, &1), timeout: :infinity) #~ otp/infinity-timeout
    |> Enum.map(fn {:ok, file} -> file end)
  end

  def fetch_pages(urls) do
    urls
    |> Task.async_stream(&Req.get!/1, timeout: :infinity) #~ otp/infinity-timeout
    |> Enum.map(fn {:ok, body} -> body end)
  end

  defp write_page(output, section) do
    filename = "#{section.id}.html"
    output |> Path.join(filename) |> File.write!(MyApp.Templates.section(section))
    filename
  end
end
