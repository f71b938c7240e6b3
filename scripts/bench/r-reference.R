# Reference forecasts from R's forecast package (Hyndman et al.), the statistics package the
# benchmark compares Pacer's automatic forecast with. Reads windows as JSON on stdin
# ([{"train": [...], "h": 3}, ...]) and writes, per window and method, the mean and the 80/95%
# intervals as JSON on stdout. A method that cannot fit a window (too few points) gives nulls.
suppressMessages({ library(forecast); library(jsonlite) })
windows <- fromJSON(file("stdin"), simplifyVector = FALSE)
methods <- list(
  naive = function(y, h) naive(y, h = h, level = c(80, 95)),
  drift = function(y, h) rwf(y, h = h, drift = TRUE, level = c(80, 95)),
  ets = function(y, h) forecast(ets(y), h = h, level = c(80, 95)),
  theta = function(y, h) thetaf(y, h = h, level = c(80, 95)),
  arima = function(y, h) forecast(auto.arima(y), h = h, level = c(80, 95)),
  damped = function(y, h) holt(y, h = h, damped = TRUE, level = c(80, 95))
)
out <- lapply(windows, function(w) {
  y <- ts(unlist(w$train), frequency = 1)
  h <- w$h
  lapply(methods, function(m) {
    f <- tryCatch(m(y, h), error = function(e) NULL)
    if (is.null(f)) return(NULL)
    list(mean = as.numeric(f$mean),
         lower80 = as.numeric(f$lower[, 1]), upper80 = as.numeric(f$upper[, 1]),
         lower95 = as.numeric(f$lower[, 2]), upper95 = as.numeric(f$upper[, 2]))
  })
})
cat(toJSON(out, auto_unbox = FALSE, null = "null", digits = NA))
