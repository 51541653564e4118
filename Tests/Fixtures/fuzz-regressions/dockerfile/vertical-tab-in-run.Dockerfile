FROM alpine:3.20
ARG GITHUB_TOKEN
RUN gitITHUB_TOKEN
RUN git clone httpCharacteple.com/rclone https://example.com/repo
