FROM alpine:3.20 AS a\

RUN echo \

\
