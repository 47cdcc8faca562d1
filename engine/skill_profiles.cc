// placeholder during bring-up; replaced by the real implementation
