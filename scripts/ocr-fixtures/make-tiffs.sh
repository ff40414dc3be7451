#!/bin/sh
# TIFF scans for test/core/tiff.test.ts, written by ImageMagick (Debian imagemagick-6) from a crop of
# one of Galley's own rendered test pages, with the pixels ImageMagick reads back from each as the
# expected values (.gray / .rgb, raw 8-bit samples).
set -eu
cd "$(dirname "$0")/../../test/fixtures/tiff"
SRC=../ocr/示例晚报_2026-03-05_02版.png
convert "$SRC" -crop 200x120+180+160 +repage -type Grayscale src.png
convert src.png -depth 8 gray:src.gray
convert src.png -depth 8 rgb:src.rgb
for c in None LZW Zip RLE; do convert src.png -type Grayscale -compress $c grey-$c.tif; done
convert src.png -type TrueColor -compress LZW -define tiff:predictor=2 rgb-lzw-predictor.tif
convert src.png -type TrueColor -define tiff:tile-geometry=64x64 -compress Zip rgb-tiled.tif
convert src.png -type TrueColorAlpha -compress Zip rgba.tif
convert src.png -type Grayscale -depth 16 -compress LZW grey16.tif
convert src.png -monochrome -compress LZW bilevel-lzw.tif
convert bilevel-lzw.tif -depth 8 gray:bilevel.gray
convert src.png -monochrome -compress Group4 bilevel-g4.tif
convert src.png -type Palette -colors 16 -compress LZW palette.tif
convert palette.tif -depth 8 rgb:palette.rgb
rm src.png
