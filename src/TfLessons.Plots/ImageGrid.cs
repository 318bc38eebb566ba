using SkiaSharp;

namespace TfLessons.Plots;

/// <summary>Sample images in a grid with a caption under each (SIGNS photos, Fashion-MNIST items, misclassified
/// examples).</summary>
public static class ImageGrid
{
    /// <param name="pixels">all images back to back, each height x width x channels bytes (channels 1 or 3),
    /// row-major.</param>
    /// <param name="indices">which images to show, in order.</param>
    /// <param name="caption">the text under image i.</param>
    public static Figure Plot(
        string name,
        byte[] pixels,
        int height,
        int width,
        int channels,
        IReadOnlyList<int> indices,
        Func<int, string> caption,
        int columns = 6,
        int scale = 2
    )
    {
        if (channels is not (1 or 3))
            throw new ArgumentException($"image grid '{name}': channels must be 1 or 3, got {channels}");
        int size = height * width * channels;
        if (size <= 0)
            throw new ArgumentException($"image grid '{name}': image size {height}x{width}x{channels} is empty");
        foreach (int i in indices)
        {
            if (i < 0 || (long)(i + 1) * size > pixels.Length)
                throw new ArgumentException(
                    $"image grid '{name}': image {i} is outside the {pixels.Length / size} images given"
                );
        }
        if (indices.Count == 0) throw new ArgumentException($"image grid '{name}': no images to show");
        columns = Math.Min(columns, indices.Count);
        int rows = (indices.Count + columns - 1) / columns;
        const int pad = 8, captionHeight = 18;
        int cellW = width * scale, cellH = height * scale;
        int totalW = pad + columns * (cellW + pad), totalH = pad + rows * (cellH + captionHeight + pad);

        using var surface = SKSurface.Create(new SKImageInfo(totalW, totalH));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFamilyName(FigureStyle.FontName);
        using var font = new SKFont(typeface, 12);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var sampling = new SKSamplingOptions(SKFilterMode.Nearest);
        for (int n = 0; n < indices.Count; n++)
        {
            int i = indices[n];
            using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            for (int r = 0; r < height; r++)
            {
                for (int c = 0; c < width; c++)
                {
                    int o = i * size + (r * width + c) * channels;
                    bitmap.SetPixel(
                        c,
                        r,
                        channels == 3
                            ? new SKColor(pixels[o], pixels[o + 1], pixels[o + 2])
                            : new SKColor(pixels[o], pixels[o], pixels[o])
                    );
                }
            }
            using SKImage image = SKImage.FromBitmap(bitmap);
            float x = pad + n % columns * (cellW + pad), y = pad + n / columns * (cellH + captionHeight + pad);
            canvas.DrawImage(image, SKRect.Create(x, y, cellW, cellH), sampling);
            string label = caption(i);
            float textWidth = font.MeasureText(label);
            canvas.DrawText(label, x + (cellW - textWidth) / 2, y + cellH + 14, SKTextAlign.Left, font, text);
        }
        using SKImage snapshot = surface.Snapshot();
        using SKData data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return new Figure(name, data.ToArray());
    }
}
