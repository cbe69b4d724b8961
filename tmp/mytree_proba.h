


    // !!! This file is generated using emlearn !!!

    #include <stdint.h>
    

static inline int32_t mytree_tree_0(const int16_t *features, int32_t features_length) {
          if (features[88] < 1216) {
              if (features[97] < 756) {
                  if (features[10] < 1942) {
                      if (features[5] < 562) {
                          if (features[0] < 2509) {
                              if (features[64] < 286) {
                                  return 0;
                              } else {
                                  return 9;
                              }
                          } else {
                              return 7;
                          }
                      } else {
                          if (features[56] < 150) {
                              if (features[36] < -1341) {
                                  if (features[6] < 3010) {
                                      if (features[108] < 500) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[21] < -362) {
                                  return 9;
                              } else {
                                  if (features[31] < -1492) {
                                      return 10;
                                  } else {
                                      if (features[7] < 1279) {
                                          return 7;
                                      } else {
                                          return 9;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[68] < 184) {
                          return 8;
                      } else {
                          return 0;
                      }
                  }
              } else {
                  if (features[15] < 1105) {
                      if (features[49] < 482) {
                          if (features[74] < 302) {
                              if (features[48] < 355) {
                                  if (features[88] < 713) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[87] < 1182) {
                                      return 8;
                                  } else {
                                      if (features[37] < -173) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          } else {
                              if (features[44] < 336) {
                                  if (features[42] < 329) {
                                      if (features[115] < 1712) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[32] < -828) {
                              if (features[52] < 647) {
                                  return 0;
                              } else {
                                  return 7;
                              }
                          } else {
                              if (features[126] < 28) {
                                  return 0;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[9] < 860) {
                          return 8;
                      } else {
                          return 10;
                      }
                  }
              }
          } else {
              if (features[37] < -461) {
                  if (features[5] < 1182) {
                      if (features[13] < 1015) {
                          if (features[51] < 830) {
                              if (features[99] < 1711) {
                                  if (features[16] < 453) {
                                      return 10;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[83] < 1338) {
                                      if (features[116] < 1004) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[59] < 124) {
                                          return 1;
                                      } else {
                                          if (features[16] < -71) {
                                              return 1;
                                          } else {
                                              if (features[63] < 633) {
                                                  return 4;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[108] < 1847) {
                                  return 6;
                              } else {
                                  if (features[88] < 3933) {
                                      if (features[39] < -1012) {
                                          if (features[36] < -1825) {
                                              return 2;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      if (features[22] < -226) {
                                          return 1;
                                      } else {
                                          if (features[118] < 2011) {
                                              return 3;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[115] < 1247) {
                              if (features[4] < 173) {
                                  return 8;
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[34] < -944) {
                                  if (features[28] < -608) {
                                      return 2;
                                  } else {
                                      if (features[7] < 519) {
                                          return 2;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[46] < 1519) {
                                      return 6;
                                  } else {
                                      return 8;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[77] < 424) {
                          if (features[1] < 2166) {
                              if (features[15] < 485) {
                                  if (features[3] < 469) {
                                      return 6;
                                  } else {
                                      if (features[93] < 3203) {
                                          if (features[1] < 1628) {
                                              return 4;
                                          } else {
                                              if (features[77] < 297) {
                                                  return 10;
                                              } else {
                                                  return 3;
                                              }
                                          }
                                      } else {
                                          if (features[17] < 309) {
                                              return 1;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[75] < 225) {
                                      return 8;
                                  } else {
                                      if (features[6] < 1191) {
                                          return 6;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[83] < 1763) {
                                  if (features[54] < 619) {
                                      return 10;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[101] < 2967) {
                              if (features[40] < 719) {
                                  if (features[120] < -3601) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 3;
                              }
                          } else {
                              if (features[58] < 1182) {
                                  if (features[0] < 2415) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 2;
                              }
                          }
                      }
                  }
              } else {
                  if (features[14] < 270) {
                      if (features[40] < 523) {
                          if (features[68] < 466) {
                              if (features[21] < 130) {
                                  if (features[18] < -65) {
                                      if (features[29] < -112) {
                                          return 0;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[112] < 1194) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[121] < -1766) {
                              if (features[5] < 1351) {
                                  if (features[104] < 2896) {
                                      return 5;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 3;
                              }
                          } else {
                              return 5;
                          }
                      }
                  } else {
                      if (features[122] < -4409) {
                          return 10;
                      } else {
                          return 6;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_1(const int16_t *features, int32_t features_length) {
          if (features[44] < 724) {
              if (features[83] < 1501) {
                  if (features[47] < 329) {
                      if (features[65] < 261) {
                          if (features[18] < 177) {
                              return 0;
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[34] < -940) {
                              if (features[8] < 1073) {
                                  if (features[9] < -21) {
                                      return 8;
                                  } else {
                                      if (features[68] < 329) {
                                          if (features[18] < -313) {
                                              return 9;
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          return 9;
                                      }
                                  }
                              } else {
                                  if (features[124] < 50) {
                                      return 8;
                                  } else {
                                      if (features[81] < 756) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[36] < -755) {
                                  if (features[105] < 412) {
                                      return 10;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[21] < -243) {
                                      return 9;
                                  } else {
                                      if (features[21] < 23) {
                                          return 10;
                                      } else {
                                          if (features[79] < 240) {
                                              if (features[61] < 290) {
                                                  return 10;
                                              } else {
                                                  return 9;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[123] < 179) {
                          if (features[20] < 617) {
                              if (features[52] < 705) {
                                  if (features[124] < 65) {
                                      return 8;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[36] < -1158) {
                                  return 8;
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[63] < 349) {
                              if (features[30] < -711) {
                                  if (features[8] < 680) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[33] < 105) {
                                      if (features[74] < 276) {
                                          if (features[14] < 922) {
                                              if (features[126] < 30) {
                                                  return 0;
                                              } else {
                                                  return 0;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[47] < 507) {
                                          return 5;
                                      } else {
                                          if (features[24] < 217) {
                                              return 0;
                                          } else {
                                              return 6;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[67] < 414) {
                                  if (features[37] < -1352) {
                                      if (features[123] < 402) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              } else {
                  if (features[27] < -345) {
                      if (features[72] < 323) {
                          return 10;
                      } else {
                          if (features[122] < -5246) {
                              return 10;
                          } else {
                              if (features[76] < 499) {
                                  return 4;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[107] < 3032) {
                          if (features[32] < 52) {
                              return 10;
                          } else {
                              if (features[53] < 834) {
                                  return 5;
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          return 10;
                      }
                  }
              }
          } else {
              if (features[4] < 1082) {
                  if (features[15] < 542) {
                      if (features[8] < 266) {
                          if (features[40] < 646) {
                              if (features[12] < 149) {
                                  return 5;
                              } else {
                                  if (features[2] < 70) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[78] < 264) {
                                  return 10;
                              } else {
                                  if (features[3] < 766) {
                                      if (features[36] < -426) {
                                          return 10;
                                      } else {
                                          if (features[126] < 2) {
                                              return 10;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[123] < 454) {
                              if (features[18] < -117) {
                                  return 0;
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[2] < 134) {
                                  return 6;
                              } else {
                                  if (features[54] < 958) {
                                      if (features[126] < 7) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[123] < 313) {
                          return 8;
                      } else {
                          if (features[34] < -1189) {
                              if (features[2] < 1333) {
                                  if (features[60] < 340) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[30] < -387) {
                                  if (features[65] < 391) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[96] < 3136) {
                                      return 6;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[82] < 2083) {
                      if (features[73] < 382) {
                          if (features[23] < -148) {
                              if (features[6] < 1633) {
                                  return 3;
                              } else {
                                  return 2;
                              }
                          } else {
                              return 6;
                          }
                      } else {
                          if (features[17] < 386) {
                              if (features[27] < -1000) {
                                  if (features[2] < 3284) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 3;
                              }
                          } else {
                              if (features[125] < 2429) {
                                  return 2;
                              } else {
                                  return 1;
                              }
                          }
                      }
                  } else {
                      if (features[21] < -301) {
                          if (features[54] < 1670) {
                              return 1;
                          } else {
                              return 3;
                          }
                      } else {
                          if (features[1] < 980) {
                              if (features[62] < 400) {
                                  return 7;
                              } else {
                                  if (features[113] < 2354) {
                                      return 6;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[17] < 272) {
                                  if (features[48] < 1062) {
                                      return 4;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 1;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_2(const int16_t *features, int32_t features_length) {
          if (features[123] < 295) {
              if (features[16] < 785) {
                  if (features[10] < 1881) {
                      if (features[85] < 880) {
                          if (features[19] < -219) {
                              if (features[63] < 299) {
                                  return 0;
                              } else {
                                  if (features[46] < 314) {
                                      return 9;
                                  } else {
                                      return 0;
                                  }
                              }
                          } else {
                              if (features[4] < 479) {
                                  if (features[8] < 468) {
                                      if (features[9] < -392) {
                                          return 6;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[76] < 272) {
                                      if (features[58] < 115) {
                                          return 10;
                                      } else {
                                          if (features[47] < 303) {
                                              if (features[3] < 1916) {
                                                  if (features[59] < 136) {
                                                      if (features[120] < -2076) {
                                                          return 7;
                                                      } else {
                                                          return 10;
                                                      }
                                                  } else {
                                                      return 7;
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[94] < 941) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[92] < 1586) {
                              if (features[25] < 306) {
                                  return 10;
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[53] < 704) {
                                  return 10;
                              } else {
                                  return 8;
                              }
                          }
                      }
                  } else {
                      if (features[50] < 361) {
                          return 0;
                      } else {
                          return 8;
                      }
                  }
              } else {
                  if (features[0] < 1748) {
                      if (features[22] < 80) {
                          return 8;
                      } else {
                          if (features[14] < 1768) {
                              if (features[8] < 399) {
                                  return 7;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 8;
                          }
                      }
                  } else {
                      if (features[111] < 833) {
                          return 9;
                      } else {
                          return 8;
                      }
                  }
              }
          } else {
              if (features[7] < 416) {
                  if (features[39] < -677) {
                      if (features[63] < 338) {
                          if (features[34] < -367) {
                              if (features[58] < 760) {
                                  return 0;
                              } else {
                                  return 7;
                              }
                          } else {
                              return 6;
                          }
                      } else {
                          if (features[53] < 603) {
                              if (features[83] < 1433) {
                                  return 10;
                              } else {
                                  if (features[19] < 416) {
                                      return 4;
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              if (features[71] < 453) {
                                  if (features[111] < 2700) {
                                      if (features[68] < 304) {
                                          return 7;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[1] < -1064) {
                                      return 2;
                                  } else {
                                      if (features[58] < 838) {
                                          return 10;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[41] < 403) {
                          if (features[55] < 977) {
                              if (features[73] < 414) {
                                  return 0;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[18] < 394) {
                              if (features[74] < 536) {
                                  if (features[19] < -628) {
                                      return 7;
                                  } else {
                                      if (features[62] < 344) {
                                          return 5;
                                      } else {
                                          if (features[121] < -3390) {
                                              return 9;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              return 6;
                          }
                      }
                  }
              } else {
                  if (features[0] < 3137) {
                      if (features[40] < 766) {
                          if (features[35] < -1474) {
                              if (features[89] < 2112) {
                                  if (features[89] < 2010) {
                                      if (features[28] < -774) {
                                          return 2;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  if (features[125] < 2180) {
                                      return 2;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[23] < -58) {
                                  if (features[1] < 735) {
                                      if (features[10] < 923) {
                                          if (features[18] < -147) {
                                              return 0;
                                          } else {
                                              return 6;
                                          }
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      if (features[41] < 402) {
                                          return 10;
                                      } else {
                                          if (features[103] < 3430) {
                                              if (features[11] < 346) {
                                                  if (features[5] < 1273) {
                                                      return 1;
                                                  } else {
                                                      return 3;
                                                  }
                                              } else {
                                                  if (features[18] < -95) {
                                                      return 10;
                                                  } else {
                                                      return 4;
                                                  }
                                              }
                                          } else {
                                              if (features[79] < 413) {
                                                  return 2;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  if (features[34] < -246) {
                                      if (features[68] < 539) {
                                          if (features[42] < 531) {
                                              return 10;
                                          } else {
                                              if (features[55] < 816) {
                                                  return 6;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      } else {
                          if (features[16] < 389) {
                              if (features[85] < 3982) {
                                  if (features[82] < 2099) {
                                      if (features[5] < 1059) {
                                          return 0;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      if (features[74] < 367) {
                                          return 4;
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  if (features[20] < -206) {
                                      return 1;
                                  } else {
                                      if (features[114] < 2981) {
                                          return 3;
                                      } else {
                                          if (features[62] < 654) {
                                              return 10;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[55] < 1258) {
                                  if (features[122] < -5056) {
                                      return 1;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 2;
                              }
                          }
                      }
                  } else {
                      if (features[98] < 1945) {
                          return 10;
                      } else {
                          return 1;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_3(const int16_t *features, int32_t features_length) {
          if (features[90] < 1259) {
              if (features[12] < 574) {
                  if (features[8] < 1332) {
                      if (features[41] < 316) {
                          if (features[17] < 1133) {
                              if (features[52] < 179) {
                                  if (features[115] < 444) {
                                      if (features[120] < -2169) {
                                          return 10;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  if (features[47] < 424) {
                                      if (features[6] < 261) {
                                          if (features[75] < 136) {
                                              return 8;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          if (features[70] < 288) {
                                              return 7;
                                          } else {
                                              if (features[50] < 333) {
                                                  return 9;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  } else {
                                      if (features[56] < 841) {
                                          return 0;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[72] < 387) {
                              if (features[52] < 628) {
                                  return 10;
                              } else {
                                  if (features[16] < 1863) {
                                      return 0;
                                  } else {
                                      return 8;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[3] < 1053) {
                          return 0;
                      } else {
                          return 8;
                      }
                  }
              } else {
                  if (features[23] < -39) {
                      if (features[89] < 978) {
                          if (features[39] < -1511) {
                              if (features[11] < 1025) {
                                  return 7;
                              } else {
                                  if (features[37] < -1700) {
                                      return 9;
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[76] < 231) {
                          if (features[38] < -1885) {
                              if (features[115] < 687) {
                                  return 8;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[41] < 256) {
                              return 7;
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          } else {
              if (features[38] < -427) {
                  if (features[5] < 1212) {
                      if (features[15] < 700) {
                          if (features[55] < 750) {
                              if (features[62] < 393) {
                                  if (features[50] < 564) {
                                      if (features[37] < -1762) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  if (features[66] < 616) {
                                      if (features[18] < -237) {
                                          return 1;
                                      } else {
                                          if (features[122] < -3372) {
                                              if (features[80] < 826) {
                                                  return 10;
                                              } else {
                                                  if (features[11] < 872) {
                                                      return 4;
                                                  } else {
                                                      return 6;
                                                  }
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[76] < 332) {
                                  if (features[80] < 1573) {
                                      if (features[88] < 1340) {
                                          return 0;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[5] < 946) {
                                      if (features[120] < -4528) {
                                          return 10;
                                      } else {
                                          if (features[38] < -731) {
                                              return 10;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  } else {
                                      if (features[34] < -1088) {
                                          return 10;
                                      } else {
                                          if (features[28] < -531) {
                                              if (features[19] < -176) {
                                                  return 1;
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              return 3;
                                          }
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[119] < 1095) {
                              if (features[26] < -280) {
                                  return 10;
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[10] < 850) {
                                  return 10;
                              } else {
                                  if (features[95] < 2338) {
                                      return 6;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[11] < 1141) {
                          if (features[73] < 404) {
                              if (features[70] < 382) {
                                  if (features[0] < -334) {
                                      return 6;
                                  } else {
                                      if (features[80] < 3049) {
                                          if (features[21] < -102) {
                                              return 10;
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          if (features[99] < 4276) {
                                              return 1;
                                          } else {
                                              return 3;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[13] < 1053) {
                                      if (features[17] < 11) {
                                          return 1;
                                      } else {
                                          if (features[55] < 735) {
                                              return 4;
                                          } else {
                                              return 1;
                                          }
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[27] < -850) {
                                  if (features[0] < 1780) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[83] < 3010) {
                                      if (features[4] < 1505) {
                                          return 3;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      if (features[0] < 2378) {
                                          return 2;
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[38] < -1200) {
                              if (features[112] < 1192) {
                                  return 10;
                              } else {
                                  if (features[0] < 3151) {
                                      if (features[35] < -924) {
                                          if (features[67] < 270) {
                                              return 7;
                                          } else {
                                              return 2;
                                          }
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              return 6;
                          }
                      }
                  }
              } else {
                  if (features[21] < 308) {
                      if (features[9] < 261) {
                          if (features[121] < -2937) {
                              return 10;
                          } else {
                              if (features[26] < 566) {
                                  return 5;
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          if (features[18] < -177) {
                              return 0;
                          } else {
                              return 6;
                          }
                      }
                  } else {
                      if (features[107] < 3522) {
                          if (features[42] < 404) {
                              return 8;
                          } else {
                              return 6;
                          }
                      } else {
                          return 10;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_4(const int16_t *features, int32_t features_length) {
          if (features[96] < 1424) {
              if (features[36] < -973) {
                  if (features[15] < 1105) {
                      if (features[45] < 201) {
                          return 0;
                      } else {
                          if (features[44] < 288) {
                              if (features[122] < -2074) {
                                  if (features[93] < 755) {
                                      if (features[62] < 318) {
                                          return 7;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[4] < 2043) {
                                  if (features[77] < 312) {
                                      if (features[54] < 752) {
                                          if (features[18] < -176) {
                                              if (features[47] < 341) {
                                                  return 0;
                                              } else {
                                                  return 8;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[109] < 946) {
                          if (features[93] < 170) {
                              return 7;
                          } else {
                              if (features[20] < -63) {
                                  if (features[14] < 1280) {
                                      return 7;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          return 10;
                      }
                  }
              } else {
                  if (features[64] < 275) {
                      return 0;
                  } else {
                      if (features[83] < 876) {
                          if (features[76] < 188) {
                              if (features[24] < 311) {
                                  if (features[23] < -464) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 9;
                              }
                          } else {
                              return 9;
                          }
                      } else {
                          if (features[25] < -157) {
                              return 10;
                          } else {
                              if (features[80] < 999) {
                                  return 10;
                              } else {
                                  if (features[33] < -306) {
                                      return 4;
                                  } else {
                                      return 5;
                                  }
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[8] < 396) {
                  if (features[58] < 789) {
                      if (features[6] < -986) {
                          if (features[12] < 26) {
                              return 6;
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[67] < 325) {
                              if (features[126] < 30) {
                                  if (features[2] < -429) {
                                      return 6;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[75] < 520) {
                                  if (features[43] < 792) {
                                      if (features[121] < -2374) {
                                          return 10;
                                      } else {
                                          if (features[28] < 141) {
                                              if (features[124] < 155) {
                                                  return 0;
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              return 5;
                                          }
                                      }
                                  } else {
                                      if (features[40] < 524) {
                                          return 6;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[40] < 564) {
                          if (features[12] < 163) {
                              if (features[23] < 507) {
                                  if (features[97] < 3105) {
                                      return 5;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[39] < -1254) {
                                  if (features[111] < 1747) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[76] < 515) {
                                      return 6;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[39] < -1014) {
                              return 10;
                          } else {
                              if (features[5] < 555) {
                                  if (features[65] < 323) {
                                      return 7;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      }
                  }
              } else {
                  if (features[13] < 987) {
                      if (features[126] < 9) {
                          if (features[1] < 2163) {
                              if (features[109] < 2966) {
                                  if (features[65] < 400) {
                                      return 0;
                                  } else {
                                      if (features[48] < 854) {
                                          if (features[12] < 774) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          if (features[24] < -774) {
                                              return 1;
                                          } else {
                                              if (features[105] < 2784) {
                                                  if (features[33] < -1007) {
                                                      return 3;
                                                  } else {
                                                      return 4;
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  if (features[93] < 5083) {
                                      if (features[97] < 5148) {
                                          if (features[120] < -4394) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      if (features[11] < 633) {
                                          return 1;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[41] < 637) {
                                  return 10;
                              } else {
                                  if (features[15] < -400) {
                                      return 3;
                                  } else {
                                      if (features[69] < 400) {
                                          if (features[121] < -2267) {
                                              return 4;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[78] < 318) {
                              if (features[42] < 409) {
                                  return 10;
                              } else {
                                  if (features[50] < 852) {
                                      return 4;
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              if (features[86] < 4171) {
                                  if (features[40] < 793) {
                                      if (features[34] < -925) {
                                          return 3;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 2;
                              }
                          }
                      }
                  } else {
                      if (features[33] < -1083) {
                          if (features[65] < 546) {
                              if (features[11] < 872) {
                                  return 8;
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[4] < 1999) {
                                  if (features[49] < 1171) {
                                      return 10;
                                  } else {
                                      if (features[15] < 756) {
                                          return 1;
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[58] < 232) {
                              return 8;
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_5(const int16_t *features, int32_t features_length) {
          if (features[84] < 1376) {
              if (features[48] < 318) {
                  if (features[76] < 284) {
                      if (features[64] < 269) {
                          if (features[120] < -2149) {
                              if (features[68] < 222) {
                                  return 8;
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[67] < 218) {
                                  return 8;
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[39] < -1607) {
                              if (features[4] < 1555) {
                                  if (features[58] < 118) {
                                      return 9;
                                  } else {
                                      if (features[4] < 435) {
                                          if (features[121] < -3141) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          if (features[70] < 278) {
                                              return 7;
                                          } else {
                                              if (features[47] < 351) {
                                                  return 7;
                                              } else {
                                                  return 8;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  if (features[34] < -2059) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              }
                          } else {
                              if (features[38] < -871) {
                                  if (features[52] < 382) {
                                      if (features[109] < 866) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  if (features[0] < 2376) {
                                      if (features[4] < 693) {
                                          return 9;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[8] < 1538) {
                          if (features[1] < 53) {
                              return 10;
                          } else {
                              return 9;
                          }
                      } else {
                          return 0;
                      }
                  }
              } else {
                  if (features[118] < 1707) {
                      if (features[17] < 653) {
                          if (features[45] < 708) {
                              if (features[66] < 359) {
                                  if (features[32] < -820) {
                                      return 10;
                                  } else {
                                      if (features[39] < -1231) {
                                          return 0;
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  if (features[28] < 106) {
                                      if (features[75] < 392) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 5;
                                  }
                              }
                          } else {
                              if (features[83] < 1284) {
                                  if (features[91] < 2186) {
                                      return 0;
                                  } else {
                                      if (features[123] < 300) {
                                          return 8;
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          if (features[7] < -333) {
                              if (features[77] < 184) {
                                  return 6;
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[126] < 47) {
                                  if (features[88] < 660) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 8;
                              }
                          }
                      }
                  } else {
                      if (features[42] < 556) {
                          if (features[48] < 450) {
                              return 9;
                          } else {
                              return 10;
                          }
                      } else {
                          return 6;
                      }
                  }
              }
          } else {
              if (features[3] < 1152) {
                  if (features[34] < -1072) {
                      if (features[62] < 340) {
                          return 7;
                      } else {
                          if (features[6] < 1475) {
                              if (features[31] < -983) {
                                  if (features[97] < 1898) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              return 2;
                          }
                      }
                  } else {
                      if (features[39] < -738) {
                          if (features[2] < 342) {
                              if (features[40] < 595) {
                                  if (features[19] < 1027) {
                                      if (features[45] < 772) {
                                          if (features[46] < 903) {
                                              return 10;
                                          } else {
                                              return 6;
                                          }
                                      } else {
                                          if (features[5] < 167) {
                                              if (features[76] < 539) {
                                                  return 6;
                                              } else {
                                                  return 5;
                                              }
                                          } else {
                                              return 6;
                                          }
                                      }
                                  } else {
                                      if (features[111] < 1373) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[47] < 1033) {
                                  if (features[75] < 545) {
                                      if (features[81] < 1245) {
                                          return 4;
                                      } else {
                                          if (features[7] < 159) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[12] < 461) {
                              if (features[61] < 293) {
                                  return 7;
                              } else {
                                  if (features[75] < 539) {
                                      return 5;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 6;
                          }
                      }
                  }
              } else {
                  if (features[27] < -814) {
                      if (features[124] < 199) {
                          if (features[32] < -1600) {
                              if (features[1] < 2513) {
                                  return 2;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[84] < 2066) {
                                  return 10;
                              } else {
                                  if (features[90] < 3490) {
                                      return 4;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      } else {
                          if (features[0] < 2266) {
                              if (features[101] < 2830) {
                                  if (features[38] < -1755) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  if (features[11] < 1186) {
                                      return 1;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              return 1;
                          }
                      }
                  } else {
                      if (features[54] < 678) {
                          if (features[40] < 779) {
                              if (features[77] < 218) {
                                  return 10;
                              } else {
                                  return 4;
                              }
                          } else {
                              if (features[91] < 2691) {
                                  return 10;
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[0] < 3284) {
                              if (features[113] < 3266) {
                                  if (features[78] < 360) {
                                      return 3;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  if (features[47] < 2309) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              return 1;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_6(const int16_t *features, int32_t features_length) {
          if (features[83] < 1291) {
              if (features[46] < 358) {
                  if (features[18] < -152) {
                      if (features[9] < 1166) {
                          return 9;
                      } else {
                          return 0;
                      }
                  } else {
                      if (features[78] < 198) {
                          if (features[69] < 211) {
                              return 8;
                          } else {
                              if (features[107] < 421) {
                                  if (features[36] < -1624) {
                                      return 9;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[33] < -442) {
                                      if (features[1] < 2826) {
                                          if (features[34] < -938) {
                                              if (features[27] < -390) {
                                                  if (features[39] < -2462) {
                                                      if (features[49] < 255) {
                                                          return 9;
                                                      } else {
                                                          return 10;
                                                      }
                                                  } else {
                                                      if (features[30] < -918) {
                                                          if (features[9] < 1098) {
                                                              return 7;
                                                          } else {
                                                              return 9;
                                                          }
                                                      } else {
                                                          return 10;
                                                      }
                                                  }
                                              } else {
                                                  return 7;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[8] < 289) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[21] < 380) {
                              if (features[122] < -3292) {
                                  return 10;
                              } else {
                                  if (features[44] < 332) {
                                      return 9;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[83] < 613) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              } else {
                  if (features[17] < 986) {
                      if (features[66] < 367) {
                          if (features[126] < 49) {
                              if (features[37] < -1100) {
                                  return 7;
                              } else {
                                  if (features[30] < 39) {
                                      return 0;
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              if (features[104] < 890) {
                                  if (features[36] < -183) {
                                      return 7;
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[20] < 147) {
                              if (features[10] < 2647) {
                                  if (features[42] < 576) {
                                      if (features[13] < -133) {
                                          return 9;
                                      } else {
                                          if (features[46] < 547) {
                                              return 10;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[6] < 1230) {
                                          if (features[113] < 1703) {
                                              return 6;
                                          } else {
                                              return 4;
                                          }
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[87] < 1934) {
                                  if (features[123] < 153) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[14] < -516) {
                          return 6;
                      } else {
                          return 8;
                      }
                  }
              }
          } else {
              if (features[8] < 268) {
                  if (features[121] < -601) {
                      if (features[39] < -143) {
                          if (features[0] < -159) {
                              if (features[77] < 549) {
                                  if (features[16] < 1455) {
                                      return 6;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  return 5;
                              }
                          } else {
                              if (features[110] < 2344) {
                                  if (features[17] < -114) {
                                      return 5;
                                  } else {
                                      if (features[13] < 276) {
                                          if (features[5] < 355) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[33] < 40) {
                              return 9;
                          } else {
                              if (features[121] < -3276) {
                                  return 10;
                              } else {
                                  return 5;
                              }
                          }
                      }
                  } else {
                      return 5;
                  }
              } else {
                  if (features[44] < 828) {
                      if (features[38] < -1791) {
                          if (features[61] < 438) {
                              if (features[71] < 184) {
                                  return 8;
                              } else {
                                  if (features[100] < 2097) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              return 1;
                          }
                      } else {
                          if (features[59] < 288) {
                              return 10;
                          } else {
                              if (features[21] < -319) {
                                  return 10;
                              } else {
                                  if (features[3] < 293) {
                                      return 10;
                                  } else {
                                      return 4;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[126] < 7) {
                          if (features[24] < -484) {
                              if (features[0] < 1616) {
                                  if (features[96] < 3041) {
                                      return 1;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[13] < 642) {
                                  if (features[5] < 702) {
                                      return 10;
                                  } else {
                                      if (features[17] < -174) {
                                          return 1;
                                      } else {
                                          if (features[100] < 3031) {
                                              if (features[33] < -951) {
                                                  return 3;
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[105] < 3921) {
                                      if (features[60] < 490) {
                                          return 10;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[2] < 1561) {
                              if (features[18] < 256) {
                                  if (features[22] < 181) {
                                      if (features[115] < 1198) {
                                          return 0;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  if (features[31] < -998) {
                                      return 2;
                                  } else {
                                      if (features[53] < 553) {
                                          return 8;
                                      } else {
                                          if (features[126] < 19) {
                                              return 2;
                                          } else {
                                              return 6;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[75] < 375) {
                                  if (features[54] < 390) {
                                      return 1;
                                  } else {
                                      if (features[7] < 1625) {
                                          return 3;
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_7(const int16_t *features, int32_t features_length) {
          if (features[90] < 1542) {
              if (features[65] < 280) {
                  if (features[15] < 736) {
                      if (features[18] < 305) {
                          return 0;
                      } else {
                          return 8;
                      }
                  } else {
                      if (features[114] < 944) {
                          return 8;
                      } else {
                          return 10;
                      }
                  }
              } else {
                  if (features[87] < 791) {
                      if (features[78] < 259) {
                          if (features[17] < -46) {
                              return 9;
                          } else {
                              if (features[1] < 891) {
                                  if (features[53] < 241) {
                                      if (features[34] < -539) {
                                          if (features[120] < -1443) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      if (features[19] < 561) {
                                          return 0;
                                      } else {
                                          return 8;
                                      }
                                  }
                              } else {
                                  if (features[80] < 516) {
                                      return 10;
                                  } else {
                                      if (features[20] < 197) {
                                          if (features[59] < 105) {
                                              return 10;
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          return 9;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[44] < 360) {
                              if (features[21] < 717) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 0;
                          }
                      }
                  } else {
                      if (features[43] < 396) {
                          if (features[35] < -219) {
                              return 10;
                          } else {
                              return 9;
                          }
                      } else {
                          if (features[9] < 219) {
                              if (features[80] < 880) {
                                  if (features[123] < 221) {
                                      return 8;
                                  } else {
                                      if (features[12] < 788) {
                                          return 0;
                                      } else {
                                          return 7;
                                      }
                                  }
                              } else {
                                  if (features[28] < -73) {
                                      return 10;
                                  } else {
                                      if (features[75] < 207) {
                                          return 6;
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          } else {
                              if (features[75] < 287) {
                                  if (features[8] < 1869) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[5] < 1160) {
                  if (features[57] < 743) {
                      if (features[41] < 403) {
                          if (features[126] < 44) {
                              if (features[46] < 1173) {
                                  if (features[74] < 249) {
                                      if (features[2] < 1030) {
                                          return 0;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[29] < 776) {
                                      return 8;
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[25] < -149) {
                              if (features[42] < 1088) {
                                  if (features[12] < 736) {
                                      if (features[124] < 140) {
                                          return 10;
                                      } else {
                                          if (features[112] < 3340) {
                                              if (features[36] < -592) {
                                                  return 4;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[81] < 2659) {
                                      return 0;
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              if (features[73] < 408) {
                                  if (features[21] < 165) {
                                      if (features[39] < -379) {
                                          return 4;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      if (features[35] < -1275) {
                                          return 3;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[11] < 1737) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[8] < 345) {
                          if (features[35] < -312) {
                              if (features[65] < 359) {
                                  return 7;
                              } else {
                                  if (features[126] < 11) {
                                      if (features[4] < 431) {
                                          if (features[9] < 149) {
                                              return 10;
                                          } else {
                                              return 5;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[3] < -192) {
                                          return 6;
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          } else {
                              if (features[21] < 406) {
                                  if (features[120] < -4728) {
                                      if (features[26] < 46) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      if (features[78] < 208) {
                                          return 6;
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          if (features[12] < 1050) {
                              return 10;
                          } else {
                              if (features[3] < 879) {
                                  return 2;
                              } else {
                                  return 6;
                              }
                          }
                      }
                  }
              } else {
                  if (features[2] < 1555) {
                      if (features[33] < -1110) {
                          if (features[45] < 590) {
                              return 10;
                          } else {
                              if (features[112] < 2266) {
                                  if (features[7] < 1562) {
                                      return 6;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 2;
                              }
                          }
                      } else {
                          if (features[97] < 3911) {
                              if (features[0] < 335) {
                                  return 6;
                              } else {
                                  if (features[119] < 2200) {
                                      if (features[60] < 345) {
                                          return 0;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 2;
                          }
                      }
                  } else {
                      if (features[126] < 7) {
                          if (features[61] < 447) {
                              return 10;
                          } else {
                              if (features[29] < -763) {
                                  if (features[47] < 623) {
                                      return 4;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 4;
                              }
                          }
                      } else {
                          if (features[56] < 610) {
                              if (features[124] < 190) {
                                  return 2;
                              } else {
                                  if (features[17] < -241) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              }
                          } else {
                              if (features[15] < 569) {
                                  if (features[18] < 506) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_8(const int16_t *features, int32_t features_length) {
          if (features[64] < 403) {
              if (features[9] < 2569) {
                  if (features[87] < 813) {
                      if (features[39] < -3068) {
                          if (features[115] < 1121) {
                              return 8;
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[68] < 270) {
                              if (features[14] < 1590) {
                                  if (features[18] < -177) {
                                      return 0;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[10] < 674) {
                                  if (features[122] < -1357) {
                                      if (features[44] < 283) {
                                          if (features[75] < 188) {
                                              return 10;
                                          } else {
                                              if (features[48] < 338) {
                                                  return 9;
                                              } else {
                                                  return 8;
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[9] < 928) {
                                      if (features[20] < 325) {
                                          if (features[78] < 222) {
                                              if (features[7] < 1226) {
                                                  return 7;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[29] < -787) {
                                          if (features[122] < -3935) {
                                              return 10;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          return 0;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[39] < -2237) {
                          if (features[117] < 1231) {
                              if (features[18] < -162) {
                                  return 8;
                              } else {
                                  if (features[25] < -744) {
                                      return 10;
                                  } else {
                                      if (features[14] < 1146) {
                                          return 10;
                                      } else {
                                          return 8;
                                      }
                                  }
                              }
                          } else {
                              if (features[91] < 2044) {
                                  return 10;
                              } else {
                                  return 2;
                              }
                          }
                      } else {
                          if (features[38] < 81) {
                              if (features[45] < 576) {
                                  if (features[120] < -4740) {
                                      return 10;
                                  } else {
                                      if (features[63] < 295) {
                                          return 0;
                                      } else {
                                          if (features[7] < 386) {
                                              return 10;
                                          } else {
                                              if (features[84] < 1902) {
                                                  return 10;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  if (features[38] < -2059) {
                                      return 3;
                                  } else {
                                      if (features[123] < 1238) {
                                          if (features[4] < -390) {
                                              return 6;
                                          } else {
                                              if (features[48] < 470) {
                                                  return 0;
                                              } else {
                                                  if (features[37] < -636) {
                                                      return 10;
                                                  } else {
                                                      return 0;
                                                  }
                                              }
                                          }
                                      } else {
                                          return 7;
                                      }
                                  }
                              }
                          } else {
                              if (features[126] < 34) {
                                  return 5;
                              } else {
                                  return 6;
                              }
                          }
                      }
                  }
              } else {
                  if (features[22] < 24) {
                      return 0;
                  } else {
                      return 8;
                  }
              }
          } else {
              if (features[27] < -610) {
                  if (features[17] < 224) {
                      if (features[90] < 2729) {
                          if (features[75] < 413) {
                              if (features[3] < 2566) {
                                  if (features[0] < 24) {
                                      return 6;
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[5] < 1212) {
                                  return 10;
                              } else {
                                  return 3;
                              }
                          }
                      } else {
                          if (features[97] < 2716) {
                              if (features[49] < 1010) {
                                  return 1;
                              } else {
                                  return 3;
                              }
                          } else {
                              if (features[3] < 996) {
                                  return 2;
                              } else {
                                  if (features[59] < 1006) {
                                      return 1;
                                  } else {
                                      if (features[114] < 3108) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[126] < 8) {
                          if (features[97] < 2273) {
                              return 4;
                          } else {
                              if (features[1] < 1976) {
                                  return 2;
                              } else {
                                  if (features[124] < 320) {
                                      return 1;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      } else {
                          if (features[91] < 2596) {
                              return 2;
                          } else {
                              return 2;
                          }
                      }
                  }
              } else {
                  if (features[42] < 785) {
                      if (features[25] < 9) {
                          if (features[78] < 500) {
                              if (features[43] < 798) {
                                  if (features[122] < -3608) {
                                      if (features[108] < 3126) {
                                          if (features[122] < -5942) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[36] < -717) {
                                      return 10;
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              if (features[121] < -4450) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[4] < -1126) {
                              if (features[119] < 1167) {
                                  return 8;
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[42] < 499) {
                                  return 10;
                              } else {
                                  if (features[74] < 343) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[121] < -609) {
                          if (features[124] < 316) {
                              if (features[24] < -132) {
                                  if (features[3] < 1472) {
                                      return 10;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  if (features[35] < -1386) {
                                      return 2;
                                  } else {
                                      if (features[12] < 348) {
                                          if (features[39] < -412) {
                                              if (features[72] < 349) {
                                                  return 6;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 5;
                                          }
                                      } else {
                                          return 6;
                                      }
                                  }
                              }
                          } else {
                              if (features[7] < 521) {
                                  return 10;
                              } else {
                                  if (features[2] < 1434) {
                                      return 10;
                                  } else {
                                      return 3;
                                  }
                              }
                          }
                      } else {
                          if (features[34] < -682) {
                              return 2;
                          } else {
                              return 5;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_9(const int16_t *features, int32_t features_length) {
          if (features[103] < 1315) {
              if (features[17] < 806) {
                  if (features[91] < 1102) {
                      if (features[64] < 193) {
                          return 0;
                      } else {
                          if (features[0] < 3) {
                              return 10;
                          } else {
                              if (features[72] < 307) {
                                  if (features[59] < 105) {
                                      return 10;
                                  } else {
                                      if (features[2] < 746) {
                                          if (features[108] < 605) {
                                              return 9;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          if (features[7] < 1257) {
                                              if (features[70] < 269) {
                                                  if (features[9] < 1020) {
                                                      return 7;
                                                  } else {
                                                      return 0;
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[102] < 926) {
                                      return 9;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[61] < 347) {
                          if (features[35] < -1554) {
                              if (features[1] < 825) {
                                  return 10;
                              } else {
                                  return 8;
                              }
                          } else {
                              return 0;
                          }
                      } else {
                          if (features[34] < 94) {
                              if (features[88] < 2685) {
                                  return 10;
                              } else {
                                  return 1;
                              }
                          } else {
                              return 5;
                          }
                      }
                  }
              } else {
                  if (features[126] < 42) {
                      if (features[93] < 2113) {
                          return 10;
                      } else {
                          return 7;
                      }
                  } else {
                      if (features[2] < 1539) {
                          return 8;
                      } else {
                          return 9;
                      }
                  }
              }
          } else {
              if (features[6] < 790) {
                  if (features[36] < -411) {
                      if (features[4] < -905) {
                          if (features[119] < 1235) {
                              return 8;
                          } else {
                              if (features[99] < 2906) {
                                  return 10;
                              } else {
                                  return 2;
                              }
                          }
                      } else {
                          if (features[10] < 816) {
                              if (features[76] < 598) {
                                  if (features[1] < 550) {
                                      return 10;
                                  } else {
                                      if (features[14] < 53) {
                                          if (features[123] < 157) {
                                              return 9;
                                          } else {
                                              if (features[70] < 522) {
                                                  if (features[84] < 4316) {
                                                      return 10;
                                                  } else {
                                                      return 1;
                                                  }
                                              } else {
                                                  return 3;
                                              }
                                          }
                                      } else {
                                          if (features[32] < -991) {
                                              return 10;
                                          } else {
                                              if (features[12] < 89) {
                                                  return 10;
                                              } else {
                                                  if (features[42] < 1044) {
                                                      if (features[82] < 901) {
                                                          return 8;
                                                      } else {
                                                          return 4;
                                                      }
                                                  } else {
                                                      return 10;
                                                  }
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  if (features[39] < -1040) {
                                      return 10;
                                  } else {
                                      if (features[35] < -555) {
                                          return 5;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[5] < 871) {
                                  if (features[36] < -1151) {
                                      if (features[63] < 340) {
                                          return 0;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      if (features[43] < 581) {
                                          return 0;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[19] < 735) {
                                      return 6;
                                  } else {
                                      return 7;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[13] < 353) {
                          if (features[75] < 538) {
                              if (features[62] < 363) {
                                  if (features[2] < -903) {
                                      return 6;
                                  } else {
                                      if (features[48] < 388) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[121] < -606) {
                                      if (features[36] < -23) {
                                          if (features[44] < 673) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          if (features[20] < 361) {
                                              return 5;
                                          } else {
                                              return 6;
                                          }
                                      }
                                  } else {
                                      return 5;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[100] < 1703) {
                              return 10;
                          } else {
                              return 6;
                          }
                      }
                  }
              } else {
                  if (features[27] < -800) {
                      if (features[3] < 1113) {
                          if (features[0] < -688) {
                              return 6;
                          } else {
                              return 2;
                          }
                      } else {
                          if (features[1] < 1859) {
                              if (features[4] < 1578) {
                                  return 10;
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[62] < 442) {
                                  if (features[38] < -1694) {
                                      return 2;
                                  } else {
                                      if (features[88] < 3464) {
                                          return 10;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  if (features[12] < 207) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[44] < 860) {
                          if (features[90] < 1534) {
                              if (features[31] < -675) {
                                  if (features[9] < 784) {
                                      if (features[40] < 369) {
                                          return 7;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[80] < 1076) {
                                  return 10;
                              } else {
                                  if (features[10] < 402) {
                                      return 3;
                                  } else {
                                      return 4;
                                  }
                              }
                          }
                      } else {
                          if (features[1] < 808) {
                              if (features[35] < -929) {
                                  if (features[5] < 1024) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[2] < 35) {
                                      return 6;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[113] < 3081) {
                                  if (features[49] < 710) {
                                      return 1;
                                  } else {
                                      if (features[0] < 3397) {
                                          if (features[77] < 379) {
                                              return 3;
                                          } else {
                                              return 3;
                                          }
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  if (features[82] < 3983) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_10(const int16_t *features, int32_t features_length) {
          if (features[96] < 1424) {
              if (features[64] < 252) {
                  if (features[115] < 690) {
                      if (features[62] < 277) {
                          return 8;
                      } else {
                          if (features[17] < 529) {
                              return 0;
                          } else {
                              return 8;
                          }
                      }
                  } else {
                      return 0;
                  }
              } else {
                  if (features[41] < 300) {
                      if (features[33] < -938) {
                          if (features[20] < 971) {
                              if (features[79] < 275) {
                                  if (features[88] < 796) {
                                      if (features[29] < -730) {
                                          if (features[10] < 1086) {
                                              return 7;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      if (features[87] < 1042) {
                                          if (features[125] < 229) {
                                              return 7;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 8;
                                      }
                                  }
                              } else {
                                  if (features[104] < 923) {
                                      return 9;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[56] < 134) {
                              return 10;
                          } else {
                              if (features[35] < -383) {
                                  if (features[93] < 1027) {
                                      if (features[56] < 214) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      if (features[73] < 250) {
                                          return 7;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 9;
                              }
                          }
                      }
                  } else {
                      if (features[46] < 631) {
                          if (features[122] < -4295) {
                              return 10;
                          } else {
                              if (features[38] < -117) {
                                  if (features[4] < -672) {
                                      return 8;
                                  } else {
                                      if (features[65] < 281) {
                                          return 7;
                                      } else {
                                          if (features[67] < 277) {
                                              return 8;
                                          } else {
                                              if (features[45] < 643) {
                                                  return 10;
                                              } else {
                                                  return 6;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  return 5;
                              }
                          }
                      } else {
                          return 6;
                      }
                  }
              }
          } else {
              if (features[25] < -556) {
                  if (features[126] < 8) {
                      if (features[88] < 2209) {
                          if (features[35] < -1244) {
                              return 10;
                          } else {
                              if (features[9] < 1571) {
                                  return 4;
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[2] < 1579) {
                              if (features[9] < 908) {
                                  return 1;
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[41] < 661) {
                                  return 2;
                              } else {
                                  return 1;
                              }
                          }
                      }
                  } else {
                      if (features[31] < -1280) {
                          if (features[73] < 558) {
                              if (features[104] < 1694) {
                                  return 1;
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[113] < 2320) {
                                  return 3;
                              } else {
                                  return 2;
                              }
                          }
                      } else {
                          if (features[71] < 439) {
                              if (features[9] < 117) {
                                  return 8;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 3;
                          }
                      }
                  }
              } else {
                  if (features[5] < 1235) {
                      if (features[121] < -590) {
                          if (features[52] < 791) {
                              if (features[62] < 368) {
                                  if (features[4] < -1151) {
                                      return 8;
                                  } else {
                                      if (features[44] < 399) {
                                          return 0;
                                      } else {
                                          if (features[42] < 378) {
                                              return 10;
                                          } else {
                                              if (features[37] < -717) {
                                                  return 2;
                                              } else {
                                                  return 6;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  if (features[1] < 128) {
                                      if (features[13] < 292) {
                                          return 5;
                                      } else {
                                          if (features[109] < 887) {
                                              return 8;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[16] < -18) {
                                          if (features[84] < 2279) {
                                              return 10;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          if (features[80] < 806) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[1] < -146) {
                                  if (features[38] < -123) {
                                      if (features[67] < 338) {
                                          return 8;
                                      } else {
                                          if (features[107] < 2794) {
                                              if (features[75] < 461) {
                                                  if (features[39] < -1741) {
                                                      return 10;
                                                  } else {
                                                      return 6;
                                                  }
                                              } else {
                                                  return 5;
                                              }
                                          } else {
                                              return 2;
                                          }
                                      }
                                  } else {
                                      if (features[15] < -83) {
                                          if (features[1] < -1007) {
                                              return 7;
                                          } else {
                                              return 5;
                                          }
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[113] < 3301) {
                                      if (features[77] < 689) {
                                          if (features[5] < 949) {
                                              if (features[13] < 398) {
                                                  if (features[83] < 3109) {
                                                      return 10;
                                                  } else {
                                                      return 5;
                                                  }
                                              } else {
                                                  if (features[15] < 898) {
                                                      if (features[54] < 1316) {
                                                          return 6;
                                                      } else {
                                                          return 10;
                                                      }
                                                  } else {
                                                      return 2;
                                                  }
                                              }
                                          } else {
                                              if (features[3] < 1148) {
                                                  if (features[86] < 1772) {
                                                      return 0;
                                                  } else {
                                                      return 2;
                                                  }
                                              } else {
                                                  if (features[15] < 154) {
                                                      return 3;
                                                  } else {
                                                      return 1;
                                                  }
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[85] < 6676) {
                                          return 10;
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[33] < -588) {
                              return 2;
                          } else {
                              return 5;
                          }
                      }
                  } else {
                      if (features[1] < 1128) {
                          if (features[112] < 2445) {
                              if (features[2] < -245) {
                                  return 6;
                              } else {
                                  return 0;
                              }
                          } else {
                              return 2;
                          }
                      } else {
                          if (features[16] < 286) {
                              return 3;
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_11(const int16_t *features, int32_t features_length) {
          if (features[43] < 650) {
              if (features[15] < 1114) {
                  if (features[83] < 1020) {
                      if (features[33] < -757) {
                          if (features[6] < 1409) {
                              if (features[124] < 115) {
                                  if (features[10] < 1236) {
                                      if (features[59] < 141) {
                                          return 10;
                                      } else {
                                          if (features[18] < -297) {
                                              return 9;
                                          } else {
                                              if (features[47] < 420) {
                                                  if (features[7] < 1244) {
                                                      return 7;
                                                  } else {
                                                      return 9;
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[94] < 908) {
                                      if (features[37] < -1754) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[89] < 415) {
                                  return 0;
                              } else {
                                  if (features[71] < 204) {
                                      return 8;
                                  } else {
                                      if (features[62] < 340) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[8] < 1134) {
                              if (features[46] < 424) {
                                  if (features[74] < 206) {
                                      if (features[123] < 53) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      if (features[121] < -925) {
                                          if (features[48] < 443) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[125] < 940) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 0;
                          }
                      }
                  } else {
                      if (features[99] < 1436) {
                          if (features[57] < 303) {
                              return 10;
                          } else {
                              if (features[89] < 1081) {
                                  return 10;
                              } else {
                                  if (features[28] < -219) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              }
                          }
                      } else {
                          if (features[77] < 494) {
                              if (features[49] < 775) {
                                  if (features[17] < -78) {
                                      return 10;
                                  } else {
                                      if (features[125] < 585) {
                                          return 2;
                                      } else {
                                          return 4;
                                      }
                                  }
                              } else {
                                  if (features[88] < 1329) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              } else {
                  if (features[118] < 1117) {
                      return 8;
                  } else {
                      return 10;
                  }
              }
          } else {
              if (features[7] < 393) {
                  if (features[80] < 2194) {
                      if (features[10] < 259) {
                          if (features[21] < 453) {
                              if (features[74] < 461) {
                                  return 5;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 6;
                          }
                      } else {
                          if (features[117] < 832) {
                              return 8;
                          } else {
                              if (features[15] < 1797) {
                                  if (features[13] < 1317) {
                                      return 6;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 7;
                              }
                          }
                      }
                  } else {
                      if (features[120] < -4427) {
                          if (features[38] < 38) {
                              if (features[48] < 2864) {
                                  return 10;
                              } else {
                                  return 7;
                              }
                          } else {
                              if (features[1] < 208) {
                                  return 5;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[23] < 414) {
                              if (features[38] < -550) {
                                  return 10;
                              } else {
                                  return 5;
                              }
                          } else {
                              return 6;
                          }
                      }
                  }
              } else {
                  if (features[2] < 1513) {
                      if (features[12] < 592) {
                          if (features[64] < 328) {
                              if (features[52] < 654) {
                                  return 0;
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[0] < -218) {
                                  return 6;
                              } else {
                                  if (features[50] < 1333) {
                                      if (features[36] < -1913) {
                                          return 8;
                                      } else {
                                          if (features[36] < -1059) {
                                              return 10;
                                          } else {
                                              if (features[19] < -169) {
                                                  return 1;
                                              } else {
                                                  if (features[125] < 852) {
                                                      return 10;
                                                  } else {
                                                      return 4;
                                                  }
                                              }
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[30] < -840) {
                              if (features[89] < 1456) {
                                  return 7;
                              } else {
                                  if (features[39] < -3334) {
                                      return 1;
                                  } else {
                                      if (features[47] < 718) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[102] < 2415) {
                                  if (features[58] < 387) {
                                      return 8;
                                  } else {
                                      if (features[25] < -365) {
                                          return 4;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[36] < -1344) {
                                      return 2;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[30] < -919) {
                          if (features[120] < -3903) {
                              if (features[41] < 670) {
                                  return 2;
                              } else {
                                  if (features[65] < 461) {
                                      if (features[42] < 1284) {
                                          return 4;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      if (features[87] < 2186) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          } else {
                              if (features[104] < 3105) {
                                  if (features[27] < -879) {
                                      if (features[44] < 1045) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      if (features[70] < 352) {
                                          return 0;
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[74] < 362) {
                              if (features[68] < 411) {
                                  return 10;
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[126] < 6) {
                                  if (features[40] < 1250) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_12(const int16_t *features, int32_t features_length) {
          if (features[124] < 188) {
              if (features[3] < -94) {
                  if (features[34] < -169) {
                      if (features[116] < 956) {
                          if (features[14] < 935) {
                              if (features[1] < -814) {
                                  return 7;
                              } else {
                                  if (features[10] < 307) {
                                      if (features[123] < 81) {
                                          return 9;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      return 0;
                                  }
                              }
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[2] < -59) {
                              if (features[125] < 461) {
                                  return 8;
                              } else {
                                  return 6;
                              }
                          } else {
                              return 0;
                          }
                      }
                  } else {
                      if (features[2] < -607) {
                          if (features[0] < -3779) {
                              return 8;
                          } else {
                              if (features[49] < 565) {
                                  return 10;
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          if (features[82] < 1422) {
                              if (features[29] < -42) {
                                  return 0;
                              } else {
                                  return 9;
                              }
                          } else {
                              return 5;
                          }
                      }
                  }
              } else {
                  if (features[14] < 903) {
                      if (features[87] < 793) {
                          if (features[64] < 252) {
                              if (features[62] < 209) {
                                  return 10;
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[20] < -343) {
                                  if (features[19] < -100) {
                                      if (features[31] < -1337) {
                                          return 7;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  if (features[79] < 273) {
                                      if (features[39] < -1294) {
                                          if (features[110] < 434) {
                                              return 9;
                                          } else {
                                              if (features[100] < 811) {
                                                  return 7;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      } else {
                                          if (features[124] < 60) {
                                              return 10;
                                          } else {
                                              if (features[3] < 445) {
                                                  return 9;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  } else {
                                      return 9;
                                  }
                              }
                          }
                      } else {
                          if (features[102] < 1210) {
                              if (features[8] < 196) {
                                  return 0;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[65] < 339) {
                                  if (features[52] < 1159) {
                                      if (features[64] < 303) {
                                          return 0;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  if (features[38] < -349) {
                                      if (features[53] < 202) {
                                          return 1;
                                      } else {
                                          if (features[114] < 2872) {
                                              if (features[45] < 777) {
                                                  return 10;
                                              } else {
                                                  if (features[27] < -877) {
                                                      return 2;
                                                  } else {
                                                      return 6;
                                                  }
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      return 5;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[85] < 1634) {
                          if (features[126] < 56) {
                              return 10;
                          } else {
                              if (features[27] < -1016) {
                                  return 9;
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[10] < 1083) {
                              return 10;
                          } else {
                              return 2;
                          }
                      }
                  }
              }
          } else {
              if (features[0] < 2894) {
                  if (features[3] < 1450) {
                      if (features[37] < -285) {
                          if (features[51] < 818) {
                              if (features[23] < 162) {
                                  if (features[41] < 404) {
                                      if (features[56] < 325) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[80] < 964) {
                                          return 10;
                                      } else {
                                          if (features[16] < 750) {
                                              if (features[28] < -299) {
                                                  return 4;
                                              } else {
                                                  if (features[31] < -376) {
                                                      return 10;
                                                  } else {
                                                      return 4;
                                                  }
                                              }
                                          } else {
                                              if (features[12] < 1634) {
                                                  return 10;
                                              } else {
                                                  return 1;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[71] < 576) {
                                  if (features[37] < -1348) {
                                      if (features[121] < -2227) {
                                          return 3;
                                      } else {
                                          if (features[14] < 309) {
                                              return 10;
                                          } else {
                                              if (features[60] < 513) {
                                                  return 2;
                                              } else {
                                                  return 1;
                                              }
                                          }
                                      }
                                  } else {
                                      if (features[12] < 656) {
                                          return 10;
                                      } else {
                                          if (features[80] < 1317) {
                                              return 6;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[51] < 948) {
                                      return 4;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[121] < -3276) {
                              if (features[118] < 1434) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[25] < -310) {
                                  return 6;
                              } else {
                                  if (features[40] < 523) {
                                      if (features[65] < 456) {
                                          return 5;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[38] < -431) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[105] < 2699) {
                          if (features[49] < 650) {
                              return 4;
                          } else {
                              return 3;
                          }
                      } else {
                          if (features[113] < 3154) {
                              if (features[126] < 7) {
                                  if (features[27] < -845) {
                                      return 1;
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  if (features[6] < 2317) {
                                      return 3;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[7] < 1072) {
                                  return 10;
                              } else {
                                  return 1;
                              }
                          }
                      }
                  }
              } else {
                  if (features[41] < 583) {
                      if (features[87] < 1384) {
                          return 9;
                      } else {
                          return 4;
                      }
                  } else {
                      if (features[28] < -540) {
                          if (features[126] < 2) {
                              return 4;
                          } else {
                              return 1;
                          }
                      } else {
                          return 3;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_13(const int16_t *features, int32_t features_length) {
          if (features[42] < 568) {
              if (features[17] < 1480) {
                  if (features[83] < 1017) {
                      if (features[48] < 347) {
                          if (features[34] < -562) {
                              if (features[89] < 399) {
                                  return 0;
                              } else {
                                  if (features[122] < -2305) {
                                      if (features[46] < 304) {
                                          if (features[74] < 271) {
                                              if (features[58] < 118) {
                                                  if (features[122] < -4217) {
                                                      return 10;
                                                  } else {
                                                      return 9;
                                                  }
                                              } else {
                                                  if (features[18] < -123) {
                                                      return 9;
                                                  } else {
                                                      return 7;
                                                  }
                                              }
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          if (features[7] < 551) {
                                              return 7;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[68] < 231) {
                                          return 8;
                                      } else {
                                          if (features[63] < 342) {
                                              if (features[20] < 33) {
                                                  if (features[54] < 164) {
                                                      return 10;
                                                  } else {
                                                      return 7;
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[9] < 822) {
                                  if (features[74] < 207) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[38] < -1725) {
                              if (features[112] < 839) {
                                  return 8;
                              } else {
                                  if (features[38] < -2344) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[125] < 940) {
                                  if (features[70] < 241) {
                                      return 0;
                                  } else {
                                      if (features[117] < 522) {
                                          return 10;
                                      } else {
                                          if (features[5] < -814) {
                                              return 8;
                                          } else {
                                              return 0;
                                          }
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[64] < 153) {
                          return 0;
                      } else {
                          if (features[82] < 1806) {
                              if (features[45] < 408) {
                                  return 10;
                              } else {
                                  if (features[67] < 433) {
                                      if (features[1] < -269) {
                                          return 6;
                                      } else {
                                          if (features[124] < 168) {
                                              if (features[32] < 21) {
                                                  return 10;
                                              } else {
                                                  return 5;
                                              }
                                          } else {
                                              return 4;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[2] < 232) {
                                  return 5;
                              } else {
                                  if (features[16] < 16) {
                                      return 10;
                                  } else {
                                      return 4;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  return 8;
              }
          } else {
              if (features[36] < -446) {
                  if (features[1] < 1707) {
                      if (features[32] < -1102) {
                          if (features[94] < 1807) {
                              if (features[34] < -1214) {
                                  return 7;
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[9] < 997) {
                                  return 2;
                              } else {
                                  return 2;
                              }
                          }
                      } else {
                          if (features[3] < 267) {
                              if (features[1] < -49) {
                                  if (features[4] < -124) {
                                      if (features[59] < 286) {
                                          return 8;
                                      } else {
                                          if (features[103] < 3039) {
                                              if (features[79] < 409) {
                                                  return 6;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 2;
                                          }
                                      }
                                  } else {
                                      if (features[10] < 1519) {
                                          return 6;
                                      } else {
                                          return 7;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[122] < -5523) {
                                  if (features[43] < 2071) {
                                      if (features[2] < 1821) {
                                          return 10;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      if (features[113] < 3452) {
                                          return 3;
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  if (features[94] < 1576) {
                                      return 10;
                                  } else {
                                      if (features[126] < 16) {
                                          if (features[58] < 779) {
                                              if (features[21] < -344) {
                                                  return 3;
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              return 5;
                                          }
                                      } else {
                                          return 3;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[83] < 2323) {
                          if (features[120] < -3884) {
                              if (features[61] < 483) {
                                  if (features[30] < -1307) {
                                      return 2;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[18] < 256) {
                                  if (features[55] < 504) {
                                      return 1;
                                  } else {
                                      if (features[15] < 595) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  if (features[16] < 405) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      } else {
                          if (features[27] < -530) {
                              if (features[96] < 2648) {
                                  return 1;
                              } else {
                                  if (features[53] < 1430) {
                                      if (features[97] < 2121) {
                                          return 4;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      if (features[83] < 2977) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          } else {
                              if (features[126] < 7) {
                                  return 10;
                              } else {
                                  return 3;
                              }
                          }
                      }
                  }
              } else {
                  if (features[1] < -708) {
                      if (features[107] < 3522) {
                          return 6;
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[120] < -4190) {
                          if (features[12] < -1068) {
                              return 3;
                          } else {
                              if (features[0] < 932) {
                                  if (features[39] < -100) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[59] < 702) {
                              if (features[29] < -76) {
                                  return 0;
                              } else {
                                  return 5;
                              }
                          } else {
                              if (features[6] < 505) {
                                  return 5;
                              } else {
                                  return 6;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_14(const int16_t *features, int32_t features_length) {
          if (features[88] < 1572) {
              if (features[49] < 295) {
                  if (features[67] < 256) {
                      if (features[25] < -111) {
                          return 8;
                      } else {
                          return 7;
                      }
                  } else {
                      if (features[64] < 250) {
                          return 0;
                      } else {
                          if (features[122] < -1353) {
                              if (features[13] < 107) {
                                  if (features[42] < 342) {
                                      return 9;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[120] < -3674) {
                                      if (features[19] < 7) {
                                          return 10;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      if (features[5] < 1433) {
                                          if (features[1] < 949) {
                                              if (features[15] < 1104) {
                                                  if (features[14] < 435) {
                                                      return 9;
                                                  } else {
                                                      return 10;
                                                  }
                                              } else {
                                                  return 8;
                                              }
                                          } else {
                                              if (features[79] < 236) {
                                                  if (features[47] < 290) {
                                                      return 7;
                                                  } else {
                                                      return 10;
                                                  }
                                              } else {
                                                  return 9;
                                              }
                                          }
                                      } else {
                                          if (features[26] < -453) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              } else {
                  if (features[125] < 323) {
                      if (features[14] < 1048) {
                          if (features[94] < 2345) {
                              if (features[2] < 603) {
                                  return 0;
                              } else {
                                  return 7;
                              }
                          } else {
                              return 6;
                          }
                      } else {
                          return 8;
                      }
                  } else {
                      if (features[21] < 282) {
                          if (features[28] < 118) {
                              if (features[83] < 957) {
                                  if (features[18] < 244) {
                                      if (features[64] < 337) {
                                          return 0;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  if (features[61] < 410) {
                                      if (features[64] < 343) {
                                          return 0;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 4;
                                  }
                              }
                          } else {
                              if (features[38] < 9) {
                                  return 0;
                              } else {
                                  return 5;
                              }
                          }
                      } else {
                          if (features[71] < 306) {
                              if (features[41] < 231) {
                                  return 10;
                              } else {
                                  if (features[17] < 402) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          } else {
              if (features[31] < -969) {
                  if (features[12] < 1122) {
                      if (features[20] < -325) {
                          if (features[26] < -636) {
                              return 1;
                          } else {
                              if (features[52] < 835) {
                                  return 1;
                              } else {
                                  return 3;
                              }
                          }
                      } else {
                          if (features[125] < 3330) {
                              if (features[2] < 2387) {
                                  if (features[105] < 2306) {
                                      return 10;
                                  } else {
                                      if (features[1] < 2163) {
                                          return 2;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  if (features[65] < 489) {
                                      if (features[120] < -5203) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 3;
                                  }
                              }
                          } else {
                              if (features[102] < 2858) {
                                  return 3;
                              } else {
                                  return 1;
                              }
                          }
                      }
                  } else {
                      if (features[63] < 520) {
                          if (features[109] < 1407) {
                              return 1;
                          } else {
                              return 2;
                          }
                      } else {
                          if (features[39] < -2487) {
                              return 1;
                          } else {
                              return 2;
                          }
                      }
                  }
              } else {
                  if (features[39] < -677) {
                      if (features[53] < 772) {
                          if (features[126] < 13) {
                              if (features[42] < 1169) {
                                  if (features[30] < -406) {
                                      if (features[59] < 333) {
                                          return 10;
                                      } else {
                                          if (features[1] < 416) {
                                              return 10;
                                          } else {
                                              if (features[21] < -282) {
                                                  return 10;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[3] < -714) {
                                  if (features[17] < 1048) {
                                      return 6;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[2] < 1520) {
                              if (features[112] < 2453) {
                                  if (features[78] < 425) {
                                      if (features[64] < 373) {
                                          return 10;
                                      } else {
                                          if (features[15] < 1089) {
                                              if (features[20] < 1220) {
                                                  return 6;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 8;
                                          }
                                      }
                                  } else {
                                      if (features[39] < -958) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  if (features[7] < 1409) {
                                      if (features[80] < 3923) {
                                          return 10;
                                      } else {
                                          if (features[118] < 2278) {
                                              return 3;
                                          } else {
                                              if (features[104] < 4352) {
                                                  return 1;
                                              } else {
                                                  return 2;
                                              }
                                          }
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[110] < 3573) {
                                  if (features[107] < 3588) {
                                      if (features[0] < 3457) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[121] < -776) {
                          if (features[1] < 239) {
                              if (features[15] < -15) {
                                  if (features[30] < -124) {
                                      return 6;
                                  } else {
                                      if (features[79] < 640) {
                                          return 5;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[25] < 136) {
                                      return 5;
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              if (features[114] < 1181) {
                                  return 0;
                              } else {
                                  if (features[5] < 1292) {
                                      return 10;
                                  } else {
                                      return 3;
                                  }
                              }
                          }
                      } else {
                          return 5;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_15(const int16_t *features, int32_t features_length) {
          if (features[42] < 527) {
              if (features[17] < 692) {
                  if (features[64] < 269) {
                      if (features[67] < 283) {
                          if (features[51] < 368) {
                              return 8;
                          } else {
                              return 10;
                          }
                      } else {
                          return 0;
                      }
                  } else {
                      if (features[100] < 1056) {
                          if (features[77] < 239) {
                              if (features[2] < 1056) {
                                  if (features[15] < 848) {
                                      if (features[99] < 868) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  if (features[120] < -4349) {
                                      return 10;
                                  } else {
                                      if (features[12] < 590) {
                                          if (features[71] < 317) {
                                              if (features[4] < 966) {
                                                  if (features[35] < -675) {
                                                      return 7;
                                                  } else {
                                                      return 10;
                                                  }
                                              } else {
                                                  if (features[1] < 2019) {
                                                      return 10;
                                                  } else {
                                                      return 9;
                                                  }
                                              }
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          if (features[19] < -234) {
                                              return 10;
                                          } else {
                                              if (features[25] < -1120) {
                                                  return 9;
                                              } else {
                                                  if (features[4] < 1549) {
                                                      return 7;
                                                  } else {
                                                      return 9;
                                                  }
                                              }
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[49] < 303) {
                                  if (features[43] < 325) {
                                      return 9;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[125] < 1091) {
                              if (features[123] < 133) {
                                  return 8;
                              } else {
                                  if (features[8] < 255) {
                                      if (features[69] < 278) {
                                          return 0;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      if (features[46] < 756) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[62] < 406) {
                                  return 10;
                              } else {
                                  if (features[76] < 464) {
                                      return 4;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[14] < 1783) {
                      if (features[119] < 596) {
                          if (features[23] < -233) {
                              return 7;
                          } else {
                              if (features[47] < 242) {
                                  return 9;
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[49] < 883) {
                              if (features[70] < 248) {
                                  if (features[104] < 1113) {
                                      return 8;
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              return 8;
                          }
                      }
                  } else {
                      return 8;
                  }
              }
          } else {
              if (features[36] < -446) {
                  if (features[8] < 1246) {
                      if (features[0] < 3295) {
                          if (features[40] < 768) {
                              if (features[2] < 399) {
                                  if (features[75] < 421) {
                                      if (features[15] < 1128) {
                                          if (features[48] < 461) {
                                              return 0;
                                          } else {
                                              return 6;
                                          }
                                      } else {
                                          if (features[14] < 918) {
                                              return 7;
                                          } else {
                                              return 8;
                                          }
                                      }
                                  } else {
                                      if (features[13] < 1265) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  if (features[81] < 1690) {
                                      if (features[6] < 890) {
                                          if (features[29] < -782) {
                                              return 6;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          if (features[43] < 803) {
                                              return 10;
                                          } else {
                                              if (features[4] < 1058) {
                                                  return 10;
                                              } else {
                                                  return 3;
                                              }
                                          }
                                      }
                                  } else {
                                      if (features[91] < 3273) {
                                          if (features[122] < -5163) {
                                              return 10;
                                          } else {
                                              if (features[9] < 232) {
                                                  return 10;
                                              } else {
                                                  if (features[30] < -1098) {
                                                      return 1;
                                                  } else {
                                                      return 4;
                                                  }
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[74] < 440) {
                                  if (features[2] < 1273) {
                                      if (features[13] < 222) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      if (features[103] < 2946) {
                                          return 3;
                                      } else {
                                          if (features[29] < -776) {
                                              return 1;
                                          } else {
                                              if (features[70] < 328) {
                                                  return 3;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  if (features[126] < 7) {
                                      return 10;
                                  } else {
                                      if (features[2] < 1458) {
                                          return 2;
                                      } else {
                                          return 3;
                                      }
                                  }
                              }
                          }
                      } else {
                          return 1;
                      }
                  } else {
                      if (features[59] < 1093) {
                          if (features[65] < 475) {
                              if (features[110] < 884) {
                                  return 8;
                              } else {
                                  if (features[5] < 1120) {
                                      return 0;
                                  } else {
                                      if (features[7] < 1893) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[29] < -967) {
                                  return 1;
                              } else {
                                  if (features[3] < 558) {
                                      if (features[110] < 1040) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          return 2;
                      }
                  }
              } else {
                  if (features[121] < -601) {
                      if (features[39] < -738) {
                          if (features[87] < 3586) {
                              return 6;
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[68] < 546) {
                              if (features[13] < 207) {
                                  if (features[29] < 91) {
                                      if (features[118] < 1219) {
                                          return 0;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  if (features[57] < 1271) {
                                      return 6;
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              if (features[50] < 759) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      return 5;
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_16(const int16_t *features, int32_t features_length) {
          if (features[94] < 1255) {
              if (features[17] < 1255) {
                  if (features[47] < 326) {
                      if (features[32] < -663) {
                          if (features[62] < 345) {
                              if (features[55] < 153) {
                                  if (features[122] < -2296) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[7] < 1338) {
                                      if (features[6] < 217) {
                                          return 8;
                                      } else {
                                          if (features[1] < 480) {
                                              return 10;
                                          } else {
                                              if (features[122] < -4191) {
                                                  return 9;
                                              } else {
                                                  if (features[34] < -743) {
                                                      return 7;
                                                  } else {
                                                      return 0;
                                                  }
                                              }
                                          }
                                      }
                                  } else {
                                      return 0;
                                  }
                              }
                          } else {
                              if (features[6] < 1071) {
                                  if (features[85] < 1329) {
                                      return 10;
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  return 9;
                              }
                          }
                      } else {
                          if (features[44] < 198) {
                              return 0;
                          } else {
                              if (features[10] < -336) {
                                  return 10;
                              } else {
                                  if (features[73] < 204) {
                                      return 10;
                                  } else {
                                      if (features[44] < 370) {
                                          if (features[77] < 157) {
                                              return 10;
                                          } else {
                                              if (features[71] < 197) {
                                                  return 0;
                                              } else {
                                                  return 9;
                                              }
                                          }
                                      } else {
                                          return 0;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[124] < 61) {
                          if (features[17] < 286) {
                              return 0;
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[3] < 1378) {
                              if (features[13] < 617) {
                                  if (features[39] < -296) {
                                      if (features[120] < -2980) {
                                          return 4;
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      if (features[57] < 420) {
                                          return 5;
                                      } else {
                                          return 9;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              } else {
                  return 8;
              }
          } else {
              if (features[40] < 621) {
                  if (features[33] < -1272) {
                      if (features[48] < 694) {
                          if (features[25] < -1278) {
                              return 1;
                          } else {
                              if (features[126] < 61) {
                                  return 10;
                              } else {
                                  return 8;
                              }
                          }
                      } else {
                          if (features[2] < 2140) {
                              if (features[91] < 1857) {
                                  return 10;
                              } else {
                                  if (features[36] < -1556) {
                                      return 2;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[124] < 194) {
                                  return 2;
                              } else {
                                  return 1;
                              }
                          }
                      }
                  } else {
                      if (features[22] < 118) {
                          if (features[63] < 445) {
                              if (features[64] < 344) {
                                  if (features[16] < 680) {
                                      if (features[14] < 422) {
                                          return 0;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[3] < 537) {
                                      if (features[11] < 350) {
                                          if (features[38] < -349) {
                                              if (features[16] < 1352) {
                                                  return 4;
                                              } else {
                                                  return 8;
                                              }
                                          } else {
                                              return 5;
                                          }
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      if (features[37] < -1884) {
                                          return 2;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[54] < 610) {
                                  if (features[45] < 711) {
                                      return 4;
                                  } else {
                                      if (features[16] < 1098) {
                                          return 1;
                                      } else {
                                          return 8;
                                      }
                                  }
                              } else {
                                  if (features[72] < 427) {
                                      return 6;
                                  } else {
                                      if (features[1] < -1088) {
                                          return 2;
                                      } else {
                                          if (features[35] < -1039) {
                                              return 10;
                                          } else {
                                              return 4;
                                          }
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[6] < -1748) {
                              return 8;
                          } else {
                              if (features[59] < 398) {
                                  if (features[72] < 295) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[45] < 740) {
                                      return 10;
                                  } else {
                                      if (features[80] < 1533) {
                                          if (features[79] < 432) {
                                              return 6;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          if (features[78] < 558) {
                                              return 10;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[35] < -485) {
                      if (features[126] < 7) {
                          if (features[44] < 981) {
                              if (features[74] < 440) {
                                  if (features[79] < 187) {
                                      return 1;
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  if (features[11] < 983) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              if (features[28] < -511) {
                                  if (features[26] < -467) {
                                      if (features[55] < 1609) {
                                          return 1;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[117] < 2334) {
                                      return 3;
                                  } else {
                                      if (features[4] < 506) {
                                          return 5;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[3] < 1205) {
                              if (features[11] < 844) {
                                  return 10;
                              } else {
                                  if (features[126] < 19) {
                                      return 2;
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              if (features[27] < -891) {
                                  if (features[2] < 3239) {
                                      if (features[65] < 524) {
                                          return 10;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      }
                  } else {
                      if (features[24] < -284) {
                          return 10;
                      } else {
                          if (features[74] < 284) {
                              return 6;
                          } else {
                              if (features[75] < 570) {
                                  return 5;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_17(const int16_t *features, int32_t features_length) {
          if (features[44] < 616) {
              if (features[99] < 891) {
                  if (features[17] < 749) {
                      if (features[64] < 255) {
                          if (features[50] < 249) {
                              return 0;
                          } else {
                              if (features[106] < 791) {
                                  return 8;
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[79] < 235) {
                              if (features[37] < -1319) {
                                  if (features[6] < 1404) {
                                      if (features[12] < 590) {
                                          return 10;
                                      } else {
                                          if (features[20] < 193) {
                                              return 7;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[1] < 3035) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[107] < 433) {
                                      return 10;
                                  } else {
                                      if (features[122] < -1282) {
                                          if (features[41] < 300) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[0] < 29) {
                                  return 10;
                              } else {
                                  if (features[46] < 466) {
                                      return 9;
                                  } else {
                                      return 0;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[60] < 321) {
                          if (features[20] < 215) {
                              return 7;
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[123] < 175) {
                              return 8;
                          } else {
                              return 7;
                          }
                      }
                  }
              } else {
                  if (features[124] < 140) {
                      if (features[31] < -509) {
                          if (features[23] < 280) {
                              if (features[9] < 952) {
                                  if (features[89] < 1586) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[35] < -1036) {
                                  return 8;
                              } else {
                                  return 9;
                              }
                          }
                      } else {
                          if (features[30] < 155) {
                              if (features[17] < 1604) {
                                  if (features[47] < 529) {
                                      return 10;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[43] < 409) {
                                  return 8;
                              } else {
                                  return 6;
                              }
                          }
                      }
                  } else {
                      if (features[120] < -4824) {
                          return 10;
                      } else {
                          if (features[89] < 2093) {
                              if (features[15] < 642) {
                                  if (features[118] < 1994) {
                                      if (features[28] < 357) {
                                          if (features[81] < 1413) {
                                              if (features[3] < 526) {
                                                  if (features[60] < 337) {
                                                      return 0;
                                                  } else {
                                                      return 4;
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 4;
                                          }
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[53] < 1078) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              }
                          } else {
                              return 4;
                          }
                      }
                  }
              }
          } else {
              if (features[0] < 3002) {
                  if (features[37] < -550) {
                      if (features[77] < 380) {
                          if (features[31] < -1005) {
                              if (features[92] < 2356) {
                                  return 2;
                              } else {
                                  if (features[41] < 1326) {
                                      if (features[13] < 261) {
                                          return 0;
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      if (features[105] < 3069) {
                                          return 1;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[5] < 27) {
                                  if (features[115] < 1217) {
                                      if (features[65] < 316) {
                                          return 0;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  if (features[35] < -1300) {
                                      if (features[3] < 1142) {
                                          if (features[94] < 3001) {
                                              return 10;
                                          } else {
                                              return 2;
                                          }
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      if (features[3] < 57) {
                                          if (features[83] < 2858) {
                                              return 6;
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          if (features[44] < 972) {
                                              if (features[67] < 378) {
                                                  return 0;
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[43] < 805) {
                              if (features[76] < 545) {
                                  if (features[25] < -139) {
                                      return 4;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[1] < 1169) {
                                  if (features[10] < 678) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[8] < 1322) {
                                      if (features[2] < 1440) {
                                          return 10;
                                      } else {
                                          if (features[16] < 406) {
                                              return 3;
                                          } else {
                                              return 1;
                                          }
                                      }
                                  } else {
                                      if (features[27] < -798) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[16] < 219) {
                          if (features[80] < 1112) {
                              if (features[12] < 35) {
                                  if (features[36] < 162) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  if (features[14] < -168) {
                                      return 10;
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              if (features[2] < 1390) {
                                  if (features[21] < 367) {
                                      if (features[74] < 249) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      if (features[0] < -941) {
                                          return 6;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      } else {
                          if (features[18] < 1030) {
                              return 6;
                          } else {
                              return 8;
                          }
                      }
                  }
              } else {
                  if (features[65] < 461) {
                      if (features[56] < 633) {
                          return 4;
                      } else {
                          return 1;
                      }
                  } else {
                      if (features[28] < -537) {
                          return 1;
                      } else {
                          return 3;
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_18(const int16_t *features, int32_t features_length) {
          if (features[123] < 343) {
              if (features[4] < -650) {
                  if (features[62] < 232) {
                      return 6;
                  } else {
                      if (features[31] < 1099) {
                          return 8;
                      } else {
                          return 9;
                      }
                  }
              } else {
                  if (features[65] < 250) {
                      if (features[19] < 2) {
                          return 0;
                      } else {
                          return 8;
                      }
                  } else {
                      if (features[47] < 293) {
                          if (features[123] < 43) {
                              return 10;
                          } else {
                              if (features[35] < -703) {
                                  if (features[19] < -245) {
                                      return 9;
                                  } else {
                                      if (features[71] < 324) {
                                          if (features[30] < -1107) {
                                              if (features[0] < 3007) {
                                                  return 9;
                                              } else {
                                                  if (features[84] < 1479) {
                                                      return 7;
                                                  } else {
                                                      return 4;
                                                  }
                                              }
                                          } else {
                                              if (features[17] < 460) {
                                                  if (features[31] < 320) {
                                                      return 7;
                                                  } else {
                                                      return 9;
                                                  }
                                              } else {
                                                  if (features[7] < 780) {
                                                      if (features[35] < -1235) {
                                                          if (features[8] < 428) {
                                                              return 7;
                                                          } else {
                                                              return 9;
                                                          }
                                                      } else {
                                                          return 10;
                                                      }
                                                  } else {
                                                      return 8;
                                                  }
                                              }
                                          }
                                      } else {
                                          return 9;
                                      }
                                  }
                              } else {
                                  if (features[123] < 153) {
                                      return 9;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[69] < 309) {
                              if (features[50] < 657) {
                                  if (features[39] < -2054) {
                                      if (features[73] < 265) {
                                          if (features[20] < 271) {
                                              return 10;
                                          } else {
                                              return 8;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[8] < 314) {
                                          if (features[31] < -528) {
                                              return 7;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[15] < 9) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[3] < 1249) {
                  if (features[35] < -247) {
                      if (features[30] < -908) {
                          if (features[64] < 331) {
                              if (features[18] < 370) {
                                  return 0;
                              } else {
                                  if (features[13] < 556) {
                                      return 10;
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              if (features[27] < -619) {
                                  return 2;
                              } else {
                                  if (features[9] < 1175) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[51] < 737) {
                              if (features[89] < 1596) {
                                  if (features[50] < 724) {
                                      return 0;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  if (features[62] < 398) {
                                      return 6;
                                  } else {
                                      if (features[82] < 1667) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  }
                              }
                          } else {
                              if (features[42] < 668) {
                                  if (features[121] < -2300) {
                                      return 10;
                                  } else {
                                      if (features[69] < 267) {
                                          return 0;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[109] < 2653) {
                                      if (features[75] < 353) {
                                          if (features[97] < 1098) {
                                              return 7;
                                          } else {
                                              return 6;
                                          }
                                      } else {
                                          if (features[11] < 838) {
                                              if (features[39] < -911) {
                                                  if (features[33] < -202) {
                                                      return 10;
                                                  } else {
                                                      return 1;
                                                  }
                                              } else {
                                                  return 5;
                                              }
                                          } else {
                                              return 2;
                                          }
                                      }
                                  } else {
                                      if (features[15] < 772) {
                                          if (features[91] < 7935) {
                                              return 10;
                                          } else {
                                              return 2;
                                          }
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[120] < -5606) {
                          if (features[84] < 6209) {
                              if (features[113] < 1351) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 5;
                          }
                      } else {
                          if (features[1] < -989) {
                              if (features[60] < 223) {
                                  return 7;
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[0] < 1667) {
                                  if (features[14] < 141) {
                                      if (features[25] < -275) {
                                          return 0;
                                      } else {
                                          if (features[117] < 862) {
                                              return 0;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 4;
                              }
                          }
                      }
                  }
              } else {
                  if (features[1] < 1930) {
                      if (features[42] < 779) {
                          if (features[9] < 1051) {
                              if (features[122] < -4955) {
                                  return 10;
                              } else {
                                  if (features[38] < -1177) {
                                      return 4;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[6] < 1713) {
                              if (features[113] < 2950) {
                                  if (features[5] < 1216) {
                                      return 10;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              return 2;
                          }
                      }
                  } else {
                      if (features[27] < -595) {
                          if (features[83] < 1695) {
                              if (features[44] < 879) {
                                  return 10;
                              } else {
                                  return 3;
                              }
                          } else {
                              if (features[44] < 686) {
                                  return 10;
                              } else {
                                  if (features[94] < 1704) {
                                      return 10;
                                  } else {
                                      if (features[41] < 661) {
                                          return 2;
                                      } else {
                                          if (features[64] < 796) {
                                              if (features[96] < 2409) {
                                                  if (features[32] < -1775) {
                                                      return 1;
                                                  } else {
                                                      return 3;
                                                  }
                                              } else {
                                                  return 1;
                                              }
                                          } else {
                                              return 3;
                                          }
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[83] < 3317) {
                              return 3;
                          } else {
                              return 1;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_19(const int16_t *features, int32_t features_length) {
          if (features[123] < 350) {
              if (features[65] < 240) {
                  if (features[15] < 608) {
                      return 0;
                  } else {
                      return 8;
                  }
              } else {
                  if (features[48] < 509) {
                      if (features[85] < 946) {
                          if (features[112] < 334) {
                              return 10;
                          } else {
                              if (features[34] < -563) {
                                  if (features[20] < 191) {
                                      if (features[125] < 316) {
                                          if (features[123] < 57) {
                                              if (features[38] < -1390) {
                                                  return 9;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[35] < -1479) {
                                          if (features[64] < 311) {
                                              return 10;
                                          } else {
                                              if (features[18] < 299) {
                                                  return 8;
                                              } else {
                                                  if (features[34] < -2080) {
                                                      return 7;
                                                  } else {
                                                      return 9;
                                                  }
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[84] < 861) {
                                      if (features[72] < 202) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[124] < 89) {
                              if (features[38] < -2009) {
                                  if (features[20] < 344) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[44] < 302) {
                                      if (features[62] < 319) {
                                          return 7;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[9] < 210) {
                                  return 5;
                              } else {
                                  if (features[44] < 669) {
                                      return 10;
                                  } else {
                                      return 0;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[3] < -120) {
                          if (features[42] < 500) {
                              return 8;
                          } else {
                              if (features[108] < 661) {
                                  return 8;
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          return 10;
                      }
                  }
              }
          } else {
              if (features[74] < 505) {
                  if (features[32] < -476) {
                      if (features[126] < 5) {
                          if (features[24] < -533) {
                              if (features[92] < 2345) {
                                  return 4;
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[86] < 3470) {
                                  if (features[57] < 838) {
                                      if (features[40] < 330) {
                                          return 0;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[106] < 3658) {
                                      return 1;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[9] < 1008) {
                              if (features[5] < 964) {
                                  if (features[74] < 421) {
                                      if (features[89] < 1180) {
                                          return 0;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[38] < -782) {
                                          return 4;
                                      } else {
                                          return 0;
                                      }
                                  }
                              } else {
                                  if (features[25] < -7) {
                                      if (features[88] < 3554) {
                                          if (features[5] < 1427) {
                                              if (features[117] < 1857) {
                                                  if (features[61] < 346) {
                                                      return 0;
                                                  } else {
                                                      return 4;
                                                  }
                                              } else {
                                                  if (features[0] < 3024) {
                                                      if (features[75] < 427) {
                                                          return 10;
                                                      } else {
                                                          return 3;
                                                      }
                                                  } else {
                                                      return 1;
                                                  }
                                              }
                                          } else {
                                              if (features[76] < 258) {
                                                  return 1;
                                              } else {
                                                  return 3;
                                              }
                                          }
                                      } else {
                                          if (features[1] < 2076) {
                                              return 2;
                                          } else {
                                              return 1;
                                          }
                                      }
                                  } else {
                                      if (features[38] < -1026) {
                                          if (features[86] < 5391) {
                                              return 7;
                                          } else {
                                              return 3;
                                          }
                                      } else {
                                          return 6;
                                      }
                                  }
                              }
                          } else {
                              if (features[97] < 2102) {
                                  return 10;
                              } else {
                                  if (features[16] < 184) {
                                      return 6;
                                  } else {
                                      if (features[13] < 1008) {
                                          return 2;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[38] < -530) {
                          if (features[113] < 2445) {
                              if (features[64] < 333) {
                                  if (features[4] < 1705) {
                                      return 0;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  if (features[0] < 1192) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[121] < -776) {
                              if (features[35] < 12) {
                                  if (features[68] < 245) {
                                      return 7;
                                  } else {
                                      if (features[19] < 67) {
                                          return 4;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[115] < 1129) {
                                      if (features[18] < -340) {
                                          return 0;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      if (features[9] < -842) {
                                          return 10;
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          } else {
                              return 5;
                          }
                      }
                  }
              } else {
                  if (features[126] < 9) {
                      if (features[35] < -1253) {
                          if (features[31] < -911) {
                              if (features[26] < -434) {
                                  return 1;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 3;
                          }
                      } else {
                          if (features[31] < -792) {
                              if (features[2] < 2119) {
                                  return 3;
                              } else {
                                  return 1;
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[28] < -260) {
                          if (features[105] < 3524) {
                              if (features[22] < 262) {
                                  return 3;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 2;
                          }
                      } else {
                          if (features[1] < 1714) {
                              if (features[12] < 1170) {
                                  if (features[83] < 1601) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  return 2;
                              }
                          } else {
                              return 3;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_20(const int16_t *features, int32_t features_length) {
          if (features[83] < 1286) {
              if (features[44] < 335) {
                  if (features[14] < 883) {
                      if (features[13] < 507) {
                          if (features[0] < 5) {
                              return 10;
                          } else {
                              if (features[87] < 403) {
                                  return 0;
                              } else {
                                  if (features[2] < 749) {
                                      if (features[114] < 1146) {
                                          if (features[62] < 242) {
                                              return 8;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      if (features[120] < -4756) {
                                          return 10;
                                      } else {
                                          if (features[20] < -359) {
                                              return 9;
                                          } else {
                                              if (features[17] < 577) {
                                                  if (features[73] < 342) {
                                                      if (features[4] < 936) {
                                                          if (features[45] < 248) {
                                                              return 10;
                                                          } else {
                                                              return 7;
                                                          }
                                                      } else {
                                                          return 10;
                                                      }
                                                  } else {
                                                      return 9;
                                                  }
                                              } else {
                                                  return 9;
                                              }
                                          }
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[79] < 252) {
                              if (features[6] < 392) {
                                  return 10;
                              } else {
                                  if (features[56] < 144) {
                                      return 9;
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              return 9;
                          }
                      }
                  } else {
                      if (features[29] < -1137) {
                          return 9;
                      } else {
                          if (features[12] < 1033) {
                              return 8;
                          } else {
                              if (features[124] < 67) {
                                  return 7;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              } else {
                  if (features[121] < -2870) {
                      if (features[122] < -4334) {
                          return 10;
                      } else {
                          return 8;
                      }
                  } else {
                      if (features[17] < 655) {
                          if (features[64] < 349) {
                              if (features[0] < -155) {
                                  return 6;
                              } else {
                                  if (features[20] < 1037) {
                                      return 0;
                                  } else {
                                      return 8;
                                  }
                              }
                          } else {
                              if (features[3] < 326) {
                                  return 6;
                              } else {
                                  if (features[50] < 609) {
                                      return 10;
                                  } else {
                                      return 3;
                                  }
                              }
                          }
                      } else {
                          if (features[112] < 826) {
                              return 8;
                          } else {
                              if (features[4] < -690) {
                                  if (features[29] < -556) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[37] < -1703) {
                                      if (features[122] < -3762) {
                                          return 2;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[9] < 268) {
                  if (features[35] < -311) {
                      if (features[126] < 11) {
                          if (features[116] < 2158) {
                              if (features[26] < -473) {
                                  return 1;
                              } else {
                                  return 4;
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[1] < -341) {
                              return 6;
                          } else {
                              if (features[17] < -232) {
                                  return 3;
                              } else {
                                  if (features[66] < 424) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[12] < 324) {
                          if (features[27] < -45) {
                              if (features[115] < 1124) {
                                  return 9;
                              } else {
                                  if (features[11] < -64) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              }
                          } else {
                              if (features[26] < 623) {
                                  if (features[0] < 1436) {
                                      if (features[14] < 266) {
                                          if (features[21] < 421) {
                                              return 5;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  return 6;
                              }
                          }
                      } else {
                          return 6;
                      }
                  }
              } else {
                  if (features[12] < 997) {
                      if (features[3] < 1226) {
                          if (features[22] < 116) {
                              if (features[45] < 918) {
                                  if (features[13] < 161) {
                                      return 0;
                                  } else {
                                      if (features[60] < 312) {
                                          return 0;
                                      } else {
                                          if (features[122] < -3412) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[106] < 3433) {
                                  if (features[78] < 348) {
                                      if (features[27] < -241) {
                                          return 6;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[20] < 562) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  return 2;
                              }
                          }
                      } else {
                          if (features[103] < 2939) {
                              if (features[73] < 433) {
                                  if (features[44] < 730) {
                                      if (features[52] < 434) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      if (features[115] < 1382) {
                                          return 1;
                                      } else {
                                          return 1;
                                      }
                                  }
                              } else {
                                  if (features[120] < -4061) {
                                      if (features[55] < 972) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 3;
                                  }
                              }
                          } else {
                              if (features[22] < -318) {
                                  if (features[126] < 8) {
                                      if (features[111] < 2303) {
                                          return 4;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 2;
                              }
                          }
                      }
                  } else {
                      if (features[32] < -998) {
                          if (features[70] < 549) {
                              if (features[2] < 1225) {
                                  return 2;
                              } else {
                                  if (features[81] < 2163) {
                                      return 2;
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              if (features[2] < 1330) {
                                  return 2;
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[58] < 402) {
                              if (features[120] < -2591) {
                                  return 10;
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[103] < 2692) {
                                  return 6;
                              } else {
                                  return 2;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_21(const int16_t *features, int32_t features_length) {
          if (features[84] < 1279) {
              if (features[46] < 310) {
                  if (features[19] < -246) {
                      if (features[89] < 396) {
                          return 0;
                      } else {
                          if (features[71] < 185) {
                              return 0;
                          } else {
                              if (features[121] < -4976) {
                                  return 10;
                              } else {
                                  return 9;
                              }
                          }
                      }
                  } else {
                      if (features[122] < -1237) {
                          if (features[35] < -703) {
                              if (features[67] < 238) {
                                  return 8;
                              } else {
                                  if (features[124] < 115) {
                                      if (features[11] < 1145) {
                                          if (features[10] < 1721) {
                                              if (features[15] < 152) {
                                                  return 10;
                                              } else {
                                                  if (features[17] < 579) {
                                                      return 7;
                                                  } else {
                                                      if (features[46] < 254) {
                                                          return 9;
                                                      } else {
                                                          return 7;
                                                      }
                                                  }
                                              }
                                          } else {
                                              return 0;
                                          }
                                      } else {
                                          if (features[49] < 233) {
                                              return 9;
                                          } else {
                                              return 0;
                                          }
                                      }
                                  } else {
                                      if (features[2] < 580) {
                                          if (features[1] < -111) {
                                              return 10;
                                          } else {
                                              return 0;
                                          }
                                      } else {
                                          if (features[20] < 33) {
                                              return 10;
                                          } else {
                                              return 9;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[63] < 450) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          return 10;
                      }
                  }
              } else {
                  if (features[67] < 370) {
                      if (features[31] < -474) {
                          if (features[14] < 967) {
                              if (features[120] < -3439) {
                                  if (features[91] < 2271) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[22] < -148) {
                                      if (features[19] < 65) {
                                          return 0;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      if (features[32] < -1588) {
                                          return 8;
                                      } else {
                                          return 7;
                                      }
                                  }
                              }
                          } else {
                              if (features[110] < 928) {
                                  return 8;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[41] < 432) {
                              if (features[15] < 1319) {
                                  if (features[4] < -866) {
                                      return 8;
                                  } else {
                                      if (features[50] < 756) {
                                          return 0;
                                      } else {
                                          if (features[42] < 261) {
                                              return 10;
                                          } else {
                                              return 0;
                                          }
                                      }
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              return 6;
                          }
                      }
                  } else {
                      if (features[62] < 239) {
                          return 6;
                      } else {
                          if (features[22] < 566) {
                              if (features[2] < -709) {
                                  if (features[57] < 495) {
                                      return 8;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[36] < 616) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          } else {
              if (features[1] < 1930) {
                  if (features[38] < -427) {
                      if (features[10] < 994) {
                          if (features[1] < 594) {
                              if (features[78] < 357) {
                                  if (features[122] < -2881) {
                                      if (features[117] < 3126) {
                                          if (features[70] < 437) {
                                              if (features[88] < 1304) {
                                                  return 0;
                                              } else {
                                                  return 6;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[45] < 706) {
                                          return 10;
                                      } else {
                                          return 8;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[42] < 992) {
                                  if (features[9] < 186) {
                                      return 10;
                                  } else {
                                      if (features[41] < 458) {
                                          return 10;
                                      } else {
                                          if (features[126] < 16) {
                                              if (features[14] < 68) {
                                                  return 10;
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[79] < 399) {
                                      if (features[33] < -1101) {
                                          if (features[121] < -2674) {
                                              return 3;
                                          } else {
                                              if (features[104] < 2911) {
                                                  return 10;
                                              } else {
                                                  return 2;
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[85] < 4352) {
                                          return 3;
                                      } else {
                                          return 5;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[8] < 464) {
                              if (features[22] < 671) {
                                  return 6;
                              } else {
                                  return 7;
                              }
                          } else {
                              if (features[34] < -825) {
                                  if (features[17] < 115) {
                                      return 0;
                                  } else {
                                      if (features[97] < 1563) {
                                          return 8;
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  if (features[122] < -3523) {
                                      return 6;
                                  } else {
                                      return 8;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[28] < 778) {
                          if (features[22] < -261) {
                              return 10;
                          } else {
                              if (features[121] < -580) {
                                  if (features[32] < 178) {
                                      return 6;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  return 5;
                              }
                          }
                      } else {
                          return 6;
                      }
                  }
              } else {
                  if (features[120] < -4060) {
                      if (features[44] < 732) {
                          return 10;
                      } else {
                          if (features[24] < -357) {
                              if (features[125] < 1394) {
                                  if (features[81] < 2709) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[54] < 1670) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[54] < 641) {
                          if (features[44] < 805) {
                              if (features[79] < 280) {
                                  return 10;
                              } else {
                                  return 4;
                              }
                          } else {
                              return 1;
                          }
                      } else {
                          if (features[121] < -829) {
                              return 3;
                          } else {
                              return 1;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_22(const int16_t *features, int32_t features_length) {
          if (features[93] < 1469) {
              if (features[68] < 235) {
                  if (features[102] < 780) {
                      return 8;
                  } else {
                      return 0;
                  }
              } else {
                  if (features[91] < 889) {
                      if (features[35] < -1217) {
                          if (features[4] < 1555) {
                              if (features[123] < 46) {
                                  return 9;
                              } else {
                                  if (features[79] < 247) {
                                      if (features[9] < 1133) {
                                          return 7;
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      return 9;
                                  }
                              }
                          } else {
                              return 9;
                          }
                      } else {
                          if (features[123] < 46) {
                              return 10;
                          } else {
                              if (features[20] < 476) {
                                  if (features[0] < 2321) {
                                      if (features[8] < 1372) {
                                          if (features[67] < 266) {
                                              return 7;
                                          } else {
                                              if (features[10] < 1089) {
                                                  return 9;
                                              } else {
                                                  return 0;
                                              }
                                          }
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[15] < 1063) {
                          if (features[3] < 1314) {
                              if (features[37] < -420) {
                                  if (features[95] < 591) {
                                      return 7;
                                  } else {
                                      if (features[72] < 252) {
                                          if (features[75] < 204) {
                                              return 0;
                                          } else {
                                              if (features[32] < -979) {
                                                  return 8;
                                              } else {
                                                  return 7;
                                              }
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[26] < -31) {
                                      return 9;
                                  } else {
                                      if (features[42] < 325) {
                                          return 9;
                                      } else {
                                          if (features[22] < 921) {
                                              return 5;
                                          } else {
                                              return 6;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[16] < -620) {
                                  return 3;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[113] < 1014) {
                              return 8;
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          } else {
              if (features[7] < 425) {
                  if (features[39] < -739) {
                      if (features[5] < -831) {
                          if (features[29] < 1260) {
                              if (features[117] < 2742) {
                                  if (features[118] < 1557) {
                                      return 8;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 2;
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[0] < 222) {
                              if (features[73] < 425) {
                                  if (features[116] < 2950) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[3] < -283) {
                                      return 10;
                                  } else {
                                      return 5;
                                  }
                              }
                          } else {
                              if (features[70] < 296) {
                                  return 0;
                              } else {
                                  if (features[112] < 2005) {
                                      if (features[35] < -941) {
                                          return 6;
                                      } else {
                                          if (features[81] < 585) {
                                              return 8;
                                          } else {
                                              if (features[0] < 1775) {
                                                  return 10;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[74] < 554) {
                          if (features[24] < 372) {
                              if (features[56] < 689) {
                                  return 0;
                              } else {
                                  if (features[0] < 2259) {
                                      if (features[16] < 246) {
                                          if (features[121] < -2935) {
                                              return 10;
                                          } else {
                                              if (features[6] < 464) {
                                                  return 5;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 6;
                          }
                      } else {
                          return 10;
                      }
                  }
              } else {
                  if (features[1] < 1798) {
                      if (features[30] < -914) {
                          if (features[11] < 989) {
                              if (features[43] < 1916) {
                                  return 10;
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[63] < 301) {
                                  return 0;
                              } else {
                                  if (features[50] < 700) {
                                      return 7;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[53] < 771) {
                              if (features[61] < 373) {
                                  if (features[19] < -195) {
                                      return 0;
                                  } else {
                                      if (features[62] < 236) {
                                          return 6;
                                      } else {
                                          if (features[39] < -1322) {
                                              return 10;
                                          } else {
                                              return 0;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[1] < 587) {
                                      return 10;
                                  } else {
                                      if (features[56] < 294) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  }
                              }
                          } else {
                              if (features[33] < 108) {
                                  if (features[3] < 1275) {
                                      if (features[97] < 4069) {
                                          if (features[74] < 398) {
                                              if (features[54] < 2199) {
                                                  return 6;
                                              } else {
                                                  return 7;
                                              }
                                          } else {
                                              if (features[35] < -783) {
                                                  return 10;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 6;
                              }
                          }
                      }
                  } else {
                      if (features[101] < 2967) {
                          if (features[51] < 677) {
                              if (features[88] < 2084) {
                                  return 10;
                              } else {
                                  if (features[19] < -317) {
                                      return 1;
                                  } else {
                                      return 4;
                                  }
                              }
                          } else {
                              if (features[15] < 543) {
                                  return 3;
                              } else {
                                  if (features[74] < 337) {
                                      return 2;
                                  } else {
                                      if (features[53] < 883) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[40] < 513) {
                              return 10;
                          } else {
                              if (features[54] < 1266) {
                                  return 1;
                              } else {
                                  if (features[81] < 2299) {
                                      if (features[63] < 420) {
                                          return 2;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_23(const int16_t *features, int32_t features_length) {
          if (features[41] < 529) {
              if (features[126] < 41) {
                  if (features[122] < -5669) {
                      return 10;
                  } else {
                      if (features[42] < 639) {
                          if (features[64] < 360) {
                              if (features[31] < -482) {
                                  if (features[8] < 1295) {
                                      if (features[82] < 1655) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      if (features[6] < 2405) {
                                          if (features[20] < -15) {
                                              return 0;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 8;
                                      }
                                  }
                              } else {
                                  return 0;
                              }
                          } else {
                              if (features[4] < -732) {
                                  return 8;
                              } else {
                                  if (features[31] < 95) {
                                      if (features[35] < -1399) {
                                          if (features[91] < 2569) {
                                              return 10;
                                          } else {
                                              return 2;
                                          }
                                      } else {
                                          if (features[38] < -394) {
                                              if (features[85] < 1076) {
                                                  return 10;
                                              } else {
                                                  if (features[124] < 347) {
                                                      if (features[72] < 225) {
                                                          return 0;
                                                      } else {
                                                          if (features[21] < 185) {
                                                              return 4;
                                                          } else {
                                                              return 10;
                                                          }
                                                      }
                                                  } else {
                                                      return 10;
                                                  }
                                              }
                                          } else {
                                              return 5;
                                          }
                                      }
                                  } else {
                                      return 5;
                                  }
                              }
                          }
                      } else {
                          if (features[27] < -682) {
                              return 2;
                          } else {
                              if (features[114] < 2067) {
                                  return 6;
                              } else {
                                  return 7;
                              }
                          }
                      }
                  }
              } else {
                  if (features[50] < 336) {
                      if (features[64] < 243) {
                          if (features[67] < 200) {
                              return 8;
                          } else {
                              return 0;
                          }
                      } else {
                          if (features[36] < -1252) {
                              if (features[8] < 1174) {
                                  if (features[5] < 1725) {
                                      if (features[23] < -22) {
                                          return 7;
                                      } else {
                                          if (features[39] < -2238) {
                                              if (features[16] < 1003) {
                                                  return 9;
                                              } else {
                                                  return 8;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  if (features[2] < 2274) {
                                      if (features[28] < -834) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              if (features[36] < -735) {
                                  if (features[80] < 920) {
                                      if (features[52] < 194) {
                                          return 10;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  if (features[86] < 803) {
                                      if (features[20] < -240) {
                                          return 9;
                                      } else {
                                          if (features[39] < -1065) {
                                              return 10;
                                          } else {
                                              return 9;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      return 8;
                  }
              }
          } else {
              if (features[38] < -429) {
                  if (features[2] < 1513) {
                      if (features[37] < -1353) {
                          if (features[113] < 2187) {
                              if (features[58] < 352) {
                                  return 8;
                              } else {
                                  if (features[126] < 21) {
                                      if (features[10] < 1175) {
                                          if (features[16] < 523) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              if (features[28] < -477) {
                                  return 2;
                              } else {
                                  if (features[104] < 4134) {
                                      return 2;
                                  } else {
                                      return 3;
                                  }
                              }
                          }
                      } else {
                          if (features[50] < 875) {
                              if (features[1] < 372) {
                                  if (features[74] < 407) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[54] < 225) {
                                      return 1;
                                  } else {
                                      if (features[117] < 965) {
                                          return 10;
                                      } else {
                                          if (features[25] < -144) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[99] < 3604) {
                                  if (features[12] < 354) {
                                      return 5;
                                  } else {
                                      if (features[76] < 465) {
                                          return 6;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[5] < 1046) {
                                      if (features[99] < 7237) {
                                          if (features[59] < 2468) {
                                              return 10;
                                          } else {
                                              return 7;
                                          }
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[84] < 2347) {
                          if (features[40] < 697) {
                              if (features[27] < -1002) {
                                  if (features[65] < 452) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[42] < 812) {
                                      return 4;
                                  } else {
                                      return 3;
                                  }
                              }
                          } else {
                              if (features[76] < 296) {
                                  return 10;
                              } else {
                                  return 3;
                              }
                          }
                      } else {
                          if (features[26] < -415) {
                              if (features[59] < 1212) {
                                  if (features[9] < 1880) {
                                      if (features[55] < 1460) {
                                          if (features[126] < 2) {
                                              if (features[82] < 3787) {
                                                  return 4;
                                              } else {
                                                  return 1;
                                              }
                                          } else {
                                              if (features[93] < 2494) {
                                                  if (features[4] < 2010) {
                                                      return 4;
                                                  } else {
                                                      return 1;
                                                  }
                                              } else {
                                                  return 1;
                                              }
                                          }
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[17] < 158) {
                                      if (features[66] < 513) {
                                          return 10;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              return 3;
                          }
                      }
                  }
              } else {
                  if (features[15] < 197) {
                      if (features[121] < -1776) {
                          return 5;
                      } else {
                          if (features[12] < 521) {
                              return 5;
                          } else {
                              return 6;
                          }
                      }
                  } else {
                      return 6;
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_24(const int16_t *features, int32_t features_length) {
          if (features[94] < 1618) {
              if (features[16] < 1014) {
                  if (features[41] < 300) {
                      if (features[8] < 1708) {
                          if (features[46] < 432) {
                              if (features[6] < 286) {
                                  if (features[71] < 196) {
                                      if (features[5] < 1281) {
                                          return 0;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      if (features[3] < 869) {
                                          if (features[109] < 402) {
                                              return 10;
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[4] < 1555) {
                                      if (features[36] < -1273) {
                                          if (features[44] < 333) {
                                              if (features[17] < 305) {
                                                  return 7;
                                              } else {
                                                  if (features[13] < 1007) {
                                                      if (features[108] < 426) {
                                                          return 9;
                                                      } else {
                                                          if (features[20] < 555) {
                                                              return 7;
                                                          } else {
                                                              return 8;
                                                          }
                                                      }
                                                  } else {
                                                      return 7;
                                                  }
                                              }
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          if (features[13] < 303) {
                                              if (features[105] < 479) {
                                                  return 10;
                                              } else {
                                                  if (features[82] < 626) {
                                                      return 9;
                                                  } else {
                                                      if (features[56] < 203) {
                                                          return 7;
                                                      } else {
                                                          return 0;
                                                      }
                                                  }
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[18] < 662) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[20] < 270) {
                                  if (features[18] < 121) {
                                      return 0;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[17] < 727) {
                              if (features[0] < 2265) {
                                  return 0;
                              } else {
                                  return 8;
                              }
                          } else {
                              return 8;
                          }
                      }
                  } else {
                      if (features[9] < 22) {
                          if (features[40] < 434) {
                              return 10;
                          } else {
                              return 5;
                          }
                      } else {
                          if (features[65] < 328) {
                              if (features[45] < 263) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[85] < 1532) {
                                  return 10;
                              } else {
                                  return 4;
                              }
                          }
                      }
                  }
              } else {
                  if (features[4] < -20) {
                      return 8;
                  } else {
                      if (features[110] < 748) {
                          return 8;
                      } else {
                          if (features[39] < -2251) {
                              return 10;
                          } else {
                              return 7;
                          }
                      }
                  }
              }
          } else {
              if (features[7] < 430) {
                  if (features[57] < 817) {
                      if (features[123] < 295) {
                          if (features[15] < 824) {
                              return 6;
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[74] < 313) {
                              if (features[70] < 302) {
                                  return 0;
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[25] < 35) {
                                  if (features[8] < -19) {
                                      return 10;
                                  } else {
                                      if (features[80] < 937) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[39] < -845) {
                          if (features[1] < 219) {
                              if (features[97] < 2881) {
                                  return 6;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[121] < -541) {
                              if (features[17] < 512) {
                                  if (features[0] < 1478) {
                                      if (features[20] < 38) {
                                          return 5;
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 6;
                              }
                          } else {
                              return 5;
                          }
                      }
                  }
              } else {
                  if (features[15] < 690) {
                      if (features[5] < 1219) {
                          if (features[87] < 3218) {
                              if (features[2] < 675) {
                                  if (features[9] < 1706) {
                                      if (features[80] < 1072) {
                                          return 6;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  if (features[82] < 1485) {
                                      return 10;
                                  } else {
                                      if (features[52] < 866) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[19] < -290) {
                                  return 1;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          if (features[120] < -4065) {
                              if (features[18] < -91) {
                                  if (features[33] < -840) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  if (features[44] < 522) {
                                      return 10;
                                  } else {
                                      if (features[53] < 1161) {
                                          if (features[66] < 533) {
                                              return 4;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          if (features[11] < 747) {
                                              return 3;
                                          } else {
                                              return 2;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[122] < -4882) {
                                  if (features[27] < -1251) {
                                      return 1;
                                  } else {
                                      if (features[21] < 616) {
                                          return 3;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[29] < -972) {
                                      if (features[32] < -1392) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      if (features[43] < 795) {
                                          return 4;
                                      } else {
                                          if (features[1] < 1330) {
                                              return 6;
                                          } else {
                                              return 3;
                                          }
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[88] < 1850) {
                          if (features[37] < -1183) {
                              return 10;
                          } else {
                              return 6;
                          }
                      } else {
                          if (features[3] < 1231) {
                              return 2;
                          } else {
                              if (features[125] < 2654) {
                                  if (features[110] < 1555) {
                                      return 1;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[33] < -1489) {
                                      return 1;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_25(const int16_t *features, int32_t features_length) {
          if (features[84] < 1404) {
              if (features[65] < 278) {
                  if (features[14] < 814) {
                      if (features[19] < 440) {
                          if (features[42] < 585) {
                              if (features[17] < 620) {
                                  if (features[32] < 1534) {
                                      return 0;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              return 7;
                          }
                      } else {
                          if (features[57] < 459) {
                              return 8;
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      return 8;
                  }
              } else {
                  if (features[95] < 944) {
                      if (features[33] < -939) {
                          if (features[27] < -72) {
                              if (features[7] < 1283) {
                                  if (features[47] < 224) {
                                      return 9;
                                  } else {
                                      if (features[121] < -1905) {
                                          return 7;
                                      } else {
                                          if (features[49] < 330) {
                                              return 10;
                                          } else {
                                              return 7;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[38] < -3079) {
                                      return 8;
                                  } else {
                                      if (features[16] < 430) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  }
                              }
                          } else {
                              if (features[3] < -211) {
                                  return 8;
                              } else {
                                  if (features[29] < -375) {
                                      return 10;
                                  } else {
                                      return 7;
                                  }
                              }
                          }
                      } else {
                          if (features[109] < 405) {
                              return 10;
                          } else {
                              if (features[64] < 229) {
                                  return 0;
                              } else {
                                  if (features[41] < 301) {
                                      if (features[21] < 629) {
                                          if (features[62] < 305) {
                                              if (features[72] < 294) {
                                                  return 10;
                                              } else {
                                                  return 9;
                                              }
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[120] < -4288) {
                          return 10;
                      } else {
                          if (features[13] < 1681) {
                              if (features[43] < 703) {
                                  if (features[67] < 274) {
                                      if (features[109] < 980) {
                                          return 8;
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      if (features[3] < 525) {
                                          if (features[19] < 220) {
                                              if (features[16] < -72) {
                                                  if (features[45] < 366) {
                                                      return 9;
                                                  } else {
                                                      return 5;
                                                  }
                                              } else {
                                                  if (features[62] < 348) {
                                                      return 0;
                                                  } else {
                                                      return 4;
                                                  }
                                              }
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          if (features[126] < 47) {
                                              if (features[102] < 2054) {
                                                  return 10;
                                              } else {
                                                  return 2;
                                              }
                                          } else {
                                              return 8;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[36] < -1465) {
                                      if (features[126] < 22) {
                                          return 2;
                                      } else {
                                          return 8;
                                      }
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              return 8;
                          }
                      }
                  }
              }
          } else {
              if (features[7] < 393) {
                  if (features[10] < 250) {
                      if (features[39] < -667) {
                          if (features[1] < -1193) {
                              return 6;
                          } else {
                              if (features[7] < 213) {
                                  return 10;
                              } else {
                                  return 5;
                              }
                          }
                      } else {
                          if (features[19] < -601) {
                              return 10;
                          } else {
                              if (features[67] < 593) {
                                  if (features[57] < 277) {
                                      return 1;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  return 10;
                              }
                          }
                      }
                  } else {
                      if (features[1] < 739) {
                          if (features[42] < 757) {
                              if (features[122] < -2905) {
                                  return 10;
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[23] < -213) {
                                  return 7;
                              } else {
                                  if (features[73] < 409) {
                                      return 6;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[104] < 2914) {
                              return 4;
                          } else {
                              return 10;
                          }
                      }
                  }
              } else {
                  if (features[16] < 80) {
                      if (features[0] < 3141) {
                          if (features[75] < 378) {
                              if (features[81] < 3264) {
                                  if (features[25] < -11) {
                                      if (features[2] < 604) {
                                          return 6;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[108] < 3750) {
                                  return 3;
                              } else {
                                  return 10;
                              }
                          }
                      } else {
                          return 1;
                      }
                  } else {
                      if (features[11] < 1108) {
                          if (features[50] < 916) {
                              if (features[24] < -37) {
                                  if (features[124] < 167) {
                                      return 10;
                                  } else {
                                      if (features[35] < -1491) {
                                          if (features[115] < 2397) {
                                              return 3;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          if (features[126] < 14) {
                                              if (features[110] < 1089) {
                                                  return 1;
                                              } else {
                                                  return 4;
                                              }
                                          } else {
                                              return 3;
                                          }
                                      }
                                  }
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[3] < 1332) {
                                  if (features[37] < -1354) {
                                      return 2;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[101] < 2851) {
                                      if (features[66] < 465) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      if (features[12] < 302) {
                                          return 10;
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[126] < 5) {
                              if (features[98] < 4274) {
                                  return 1;
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[1] < 1862) {
                                  if (features[42] < 595) {
                                      return 8;
                                  } else {
                                      if (features[29] < -482) {
                                          return 2;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[78] < 433) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_26(const int16_t *features, int32_t features_length) {
          if (features[43] < 650) {
              if (features[46] < 308) {
                  if (features[10] < 1882) {
                      if (features[0] < 2) {
                          if (features[28] < -686) {
                              return 8;
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[35] < -703) {
                              if (features[6] < 1317) {
                                  if (features[71] < 344) {
                                      if (features[19] < -300) {
                                          return 9;
                                      } else {
                                          if (features[54] < 149) {
                                              if (features[39] < -2105) {
                                                  return 9;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              if (features[6] < 280) {
                                                  return 9;
                                              } else {
                                                  if (features[124] < 117) {
                                                      return 7;
                                                  } else {
                                                      return 4;
                                                  }
                                              }
                                          }
                                      }
                                  } else {
                                      if (features[115] < 1453) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[25] < -764) {
                                      return 10;
                                  } else {
                                      if (features[0] < 1555) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  }
                              }
                          } else {
                              if (features[9] < -448) {
                                  return 8;
                              } else {
                                  if (features[75] < 200) {
                                      if (features[2] < 839) {
                                          if (features[0] < 3633) {
                                              return 9;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[65] < 297) {
                                          return 0;
                                      } else {
                                          return 9;
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[124] < 43) {
                          return 8;
                      } else {
                          return 0;
                      }
                  }
              } else {
                  if (features[84] < 1724) {
                      if (features[68] < 387) {
                          if (features[2] < 1439) {
                              if (features[13] < 1133) {
                                  if (features[20] < 978) {
                                      if (features[50] < 780) {
                                          if (features[35] < 77) {
                                              if (features[36] < -972) {
                                                  if (features[14] < 420) {
                                                      return 7;
                                                  } else {
                                                      return 10;
                                                  }
                                              } else {
                                                  if (features[73] < 186) {
                                                      return 0;
                                                  } else {
                                                      return 10;
                                                  }
                                              }
                                          } else {
                                              if (features[20] < -277) {
                                                  return 9;
                                              } else {
                                                  return 5;
                                              }
                                          }
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      if (features[30] < 90) {
                                          if (features[110] < 1011) {
                                              return 8;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[29] < -257) {
                                      return 7;
                                  } else {
                                      return 8;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[40] < 355) {
                              return 10;
                          } else {
                              if (features[0] < -708) {
                                  if (features[23] < 922) {
                                      return 5;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[67] < 472) {
                                      return 4;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[9] < 388) {
                          if (features[30] < -45) {
                              return 10;
                          } else {
                              return 5;
                          }
                      } else {
                          if (features[24] < -181) {
                              return 4;
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          } else {
              if (features[31] < -433) {
                  if (features[3] < 1259) {
                      if (features[36] < -1477) {
                          if (features[59] < 330) {
                              return 8;
                          } else {
                              if (features[14] < 318) {
                                  return 6;
                              } else {
                                  if (features[2] < 1163) {
                                      if (features[33] < -1028) {
                                          return 2;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      } else {
                          if (features[68] < 336) {
                              return 7;
                          } else {
                              if (features[46] < 1025) {
                                  if (features[37] < -775) {
                                      if (features[1] < 668) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  if (features[27] < -745) {
                                      return 2;
                                  } else {
                                      if (features[123] < 366) {
                                          return 8;
                                      } else {
                                          if (features[120] < -3405) {
                                              if (features[97] < 6148) {
                                                  return 10;
                                              } else {
                                                  return 2;
                                              }
                                          } else {
                                              if (features[74] < 393) {
                                                  return 6;
                                              } else {
                                                  return 5;
                                              }
                                          }
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[59] < 541) {
                          if (features[22] < -592) {
                              return 1;
                          } else {
                              if (features[20] < -307) {
                                  if (features[42] < 1162) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[90] < 3457) {
                                      return 4;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      } else {
                          if (features[100] < 3106) {
                              if (features[72] < 409) {
                                  if (features[31] < -1523) {
                                      return 2;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[18] < 541) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              if (features[47] < 1888) {
                                  if (features[1] < 2291) {
                                      if (features[34] < -1752) {
                                          return 2;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      }
                  }
              } else {
                  if (features[121] < -591) {
                      if (features[37] < 90) {
                          if (features[126] < 16) {
                              return 10;
                          } else {
                              if (features[8] < 133) {
                                  return 6;
                              } else {
                                  if (features[45] < 431) {
                                      return 0;
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      } else {
                          if (features[16] < -193) {
                              if (features[17] < -643) {
                                  return 10;
                              } else {
                                  return 5;
                              }
                          } else {
                              if (features[22] < 712) {
                                  return 10;
                              } else {
                                  return 6;
                              }
                          }
                      }
                  } else {
                      return 5;
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_27(const int16_t *features, int32_t features_length) {
          if (features[91] < 1449) {
              if (features[47] < 326) {
                  if (features[65] < 237) {
                      if (features[67] < 271) {
                          if (features[124] < 53) {
                              return 8;
                          } else {
                              return 7;
                          }
                      } else {
                          return 0;
                      }
                  } else {
                      if (features[123] < 43) {
                          return 10;
                      } else {
                          if (features[83] < 893) {
                              if (features[13] < 123) {
                                  if (features[49] < 296) {
                                      return 9;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[18] < -345) {
                                      return 0;
                                  } else {
                                      if (features[4] < 1555) {
                                          if (features[1] < 846) {
                                              if (features[20] < 956) {
                                                  return 9;
                                              } else {
                                                  return 8;
                                              }
                                          } else {
                                              if (features[40] < 240) {
                                                  if (features[35] < -1593) {
                                                      return 7;
                                                  } else {
                                                      if (features[46] < 257) {
                                                          return 9;
                                                      } else {
                                                          return 10;
                                                      }
                                                  }
                                              } else {
                                                  if (features[76] < 265) {
                                                      return 7;
                                                  } else {
                                                      return 9;
                                                  }
                                              }
                                          }
                                      } else {
                                          return 9;
                                      }
                                  }
                              }
                          } else {
                              if (features[53] < 611) {
                                  return 10;
                              } else {
                                  return 7;
                              }
                          }
                      }
                  }
              } else {
                  if (features[36] < -1566) {
                      if (features[107] < 866) {
                          if (features[2] < 1943) {
                              return 8;
                          } else {
                              return 10;
                          }
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[69] < 282) {
                          if (features[17] < 830) {
                              if (features[103] < 691) {
                                  return 10;
                              } else {
                                  return 0;
                              }
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[39] < 209) {
                              if (features[65] < 314) {
                                  return 0;
                              } else {
                                  if (features[3] < -702) {
                                      if (features[42] < 487) {
                                          return 8;
                                      } else {
                                          return 6;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          } else {
                              return 9;
                          }
                      }
                  }
              }
          } else {
              if (features[3] < 1143) {
                  if (features[39] < -667) {
                      if (features[12] < 858) {
                          if (features[64] < 390) {
                              if (features[30] < 108) {
                                  if (features[126] < 50) {
                                      if (features[4] < 86) {
                                          return 10;
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 6;
                              }
                          } else {
                              if (features[52] < 759) {
                                  if (features[24] < 104) {
                                      if (features[41] < 409) {
                                          return 10;
                                      } else {
                                          if (features[0] < -473) {
                                              return 6;
                                          } else {
                                              if (features[110] < 1215) {
                                                  return 10;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[74] < 712) {
                                      if (features[78] < 693) {
                                          if (features[2] < 251) {
                                              return 6;
                                          } else {
                                              if (features[26] < -135) {
                                                  if (features[19] < -219) {
                                                      return 5;
                                                  } else {
                                                      return 10;
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      } else {
                                          return 5;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[8] < 386) {
                              if (features[6] < -195) {
                                  return 8;
                              } else {
                                  if (features[100] < 1219) {
                                      return 7;
                                  } else {
                                      if (features[51] < 1685) {
                                          return 6;
                                      } else {
                                          return 7;
                                      }
                                  }
                              }
                          } else {
                              if (features[122] < -3520) {
                                  if (features[17] < 104) {
                                      return 6;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  if (features[59] < 335) {
                                      return 8;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[10] < 246) {
                          if (features[121] < -3276) {
                              if (features[101] < 1421) {
                                  return 9;
                              } else {
                                  return 10;
                              }
                          } else {
                              if (features[118] < 770) {
                                  return 0;
                              } else {
                                  if (features[77] < 613) {
                                      if (features[68] < 273) {
                                          return 7;
                                      } else {
                                          if (features[12] < 359) {
                                              return 5;
                                          } else {
                                              return 6;
                                          }
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      } else {
                          if (features[13] < 12) {
                              return 0;
                          } else {
                              return 6;
                          }
                      }
                  }
              } else {
                  if (features[27] < -605) {
                      if (features[120] < -3997) {
                          if (features[41] < 661) {
                              return 2;
                          } else {
                              if (features[65] < 461) {
                                  if (features[71] < 416) {
                                      if (features[82] < 3970) {
                                          return 10;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  if (features[54] < 1631) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              }
                          }
                      } else {
                          if (features[67] < 557) {
                              if (features[29] < -975) {
                                  if (features[81] < 1716) {
                                      return 2;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[11] < 528) {
                                      return 3;
                                  } else {
                                      return 4;
                                  }
                              }
                          } else {
                              if (features[0] < 1814) {
                                  return 3;
                              } else {
                                  if (features[81] < 1122) {
                                      return 3;
                                  } else {
                                      return 1;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[16] < -142) {
                          if (features[73] < 312) {
                              return 1;
                          } else {
                              return 3;
                          }
                      } else {
                          if (features[56] < 640) {
                              if (features[56] < 426) {
                                  return 10;
                              } else {
                                  return 4;
                              }
                          } else {
                              if (features[11] < 1142) {
                                  if (features[34] < -1198) {
                                      return 3;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 2;
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_28(const int16_t *features, int32_t features_length) {
          if (features[87] < 1528) {
              if (features[9] < 2480) {
                  if (features[17] < 891) {
                      if (features[94] < 842) {
                          if (features[0] < -31) {
                              if (features[44] < 374) {
                                  if (features[14] < 353) {
                                      return 10;
                                  } else {
                                      return 9;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[77] < 284) {
                                  if (features[5] < 330) {
                                      if (features[29] < -87) {
                                          return 9;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      if (features[62] < 383) {
                                          if (features[17] < -9) {
                                              if (features[121] < -2654) {
                                                  return 9;
                                              } else {
                                                  return 7;
                                              }
                                          } else {
                                              if (features[9] < 1087) {
                                                  if (features[37] < -2211) {
                                                      if (features[4] < 1671) {
                                                          return 7;
                                                      } else {
                                                          return 9;
                                                      }
                                                  } else {
                                                      return 7;
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      } else {
                                          return 9;
                                      }
                                  }
                              } else {
                                  return 9;
                              }
                          }
                      } else {
                          if (features[67] < 278) {
                              if (features[53] < 558) {
                                  if (features[39] < -1909) {
                                      if (features[114] < 873) {
                                          return 8;
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  if (features[64] < 156) {
                                      return 10;
                                  } else {
                                      return 0;
                                  }
                              }
                          } else {
                              if (features[3] < 520) {
                                  if (features[36] < -269) {
                                      if (features[19] < 249) {
                                          if (features[18] < 21) {
                                              return 0;
                                          } else {
                                              return 4;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[40] < 359) {
                                          if (features[99] < 1504) {
                                              return 9;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 5;
                                      }
                                  }
                              } else {
                                  if (features[92] < 707) {
                                      return 7;
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[3] < 369) {
                          if (features[115] < 1531) {
                              return 8;
                          } else {
                              return 10;
                          }
                      } else {
                          if (features[47] < 337) {
                              return 8;
                          } else {
                              if (features[36] < -3477) {
                                  return 8;
                              } else {
                                  return 10;
                              }
                          }
                      }
                  }
              } else {
                  if (features[36] < -2443) {
                      return 8;
                  } else {
                      return 0;
                  }
              }
          } else {
              if (features[29] < -853) {
                  if (features[126] < 8) {
                      if (features[2] < 1183) {
                          if (features[47] < 1139) {
                              return 0;
                          } else {
                              return 2;
                          }
                      } else {
                          if (features[65] < 464) {
                              if (features[83] < 2319) {
                                  return 2;
                              } else {
                                  if (features[18] < -103) {
                                      return 1;
                                  } else {
                                      return 4;
                                  }
                              }
                          } else {
                              if (features[43] < 661) {
                                  return 4;
                              } else {
                                  if (features[30] < -928) {
                                      if (features[35] < -916) {
                                          return 1;
                                      } else {
                                          return 3;
                                      }
                                  } else {
                                      return 10;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[14] < 722) {
                          if (features[1] < 1116) {
                              if (features[91] < 3422) {
                                  return 0;
                              } else {
                                  return 2;
                              }
                          } else {
                              if (features[11] < 1053) {
                                  if (features[19] < 446) {
                                      return 3;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 1;
                              }
                          }
                      } else {
                          if (features[33] < -2520) {
                              return 3;
                          } else {
                              if (features[70] < 610) {
                                  if (features[12] < 526) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              } else {
                                  return 1;
                              }
                          }
                      }
                  }
              } else {
                  if (features[40] < 611) {
                      if (features[3] < 226) {
                          if (features[122] < -3063) {
                              if (features[1] < -981) {
                                  if (features[50] < 577) {
                                      return 8;
                                  } else {
                                      if (features[75] < 405) {
                                          return 6;
                                      } else {
                                          return 2;
                                      }
                                  }
                              } else {
                                  if (features[35] < 402) {
                                      if (features[78] < 430) {
                                          if (features[7] < 972) {
                                              if (features[53] < 753) {
                                                  return 4;
                                              } else {
                                                  return 6;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 5;
                                  }
                              }
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[103] < 3030) {
                              if (features[80] < 938) {
                                  return 10;
                              } else {
                                  if (features[11] < 137) {
                                      return 10;
                                  } else {
                                      if (features[85] < 1517) {
                                          return 10;
                                      } else {
                                          if (features[12] < 807) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[36] < -409) {
                          if (features[4] < 1366) {
                              if (features[58] < 783) {
                                  if (features[121] < -2016) {
                                      if (features[29] < -436) {
                                          return 1;
                                      } else {
                                          if (features[60] < 390) {
                                              return 3;
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      return 4;
                                  }
                              } else {
                                  if (features[22] < -38) {
                                      return 10;
                                  } else {
                                      if (features[8] < 700) {
                                          return 10;
                                      } else {
                                          return 2;
                                      }
                                  }
                              }
                          } else {
                              if (features[104] < 3613) {
                                  if (features[53] < 652) {
                                      return 4;
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  if (features[123] < 1337) {
                                      return 1;
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      } else {
                          if (features[74] < 557) {
                              if (features[73] < 287) {
                                  return 10;
                              } else {
                                  return 5;
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_29(const int16_t *features, int32_t features_length) {
          if (features[96] < 1400) {
              if (features[21] < 285) {
                  if (features[79] < 285) {
                      if (features[64] < 229) {
                          if (features[9] < 726) {
                              return 8;
                          } else {
                              if (features[62] < 268) {
                                  return 10;
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[88] < 822) {
                              if (features[19] < -246) {
                                  return 9;
                              } else {
                                  if (features[52] < 224) {
                                      if (features[122] < -2310) {
                                          if (features[115] < 341) {
                                              return 9;
                                          } else {
                                              if (features[34] < -499) {
                                                  return 7;
                                              } else {
                                                  return 4;
                                              }
                                          }
                                      } else {
                                          if (features[30] < -255) {
                                              return 10;
                                          } else {
                                              return 9;
                                          }
                                      }
                                  } else {
                                      if (features[70] < 180) {
                                          return 8;
                                      } else {
                                          if (features[79] < 243) {
                                              if (features[5] < 492) {
                                                  return 0;
                                              } else {
                                                  return 7;
                                              }
                                          } else {
                                              return 9;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[16] < 1009) {
                                  if (features[4] < 171) {
                                      return 4;
                                  } else {
                                      if (features[124] < 69) {
                                          return 10;
                                      } else {
                                          if (features[77] < 313) {
                                              return 10;
                                          } else {
                                              return 9;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[12] < 907) {
                                      return 7;
                                  } else {
                                      return 8;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[101] < 1377) {
                          if (features[43] < 560) {
                              if (features[12] < 764) {
                                  if (features[14] < 652) {
                                      return 9;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 0;
                              }
                          } else {
                              return 5;
                          }
                      } else {
                          return 0;
                      }
                  }
              } else {
                  if (features[124] < 151) {
                      if (features[39] < -1957) {
                          if (features[117] < 947) {
                              if (features[21] < 495) {
                                  if (features[22] < 337) {
                                      return 8;
                                  } else {
                                      return 7;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[37] < -2060) {
                                  return 10;
                              } else {
                                  return 7;
                              }
                          }
                      } else {
                          if (features[54] < 309) {
                              if (features[37] < -591) {
                                  if (features[45] < 407) {
                                      return 10;
                                  } else {
                                      return 0;
                                  }
                              } else {
                                  return 9;
                              }
                          } else {
                              return 6;
                          }
                      }
                  } else {
                      return 10;
                  }
              }
          } else {
              if (features[2] < 1476) {
                  if (features[30] < -907) {
                      if (features[92] < 2339) {
                          return 10;
                      } else {
                          if (features[34] < -813) {
                              if (features[31] < -851) {
                                  return 2;
                              } else {
                                  return 10;
                              }
                          } else {
                              return 6;
                          }
                      }
                  } else {
                      if (features[10] < 253) {
                          if (features[15] < 691) {
                              if (features[22] < 423) {
                                  if (features[38] < -457) {
                                      if (features[2] < -531) {
                                          return 6;
                                      } else {
                                          if (features[2] < 789) {
                                              if (features[45] < 839) {
                                                  if (features[124] < 147) {
                                                      return 0;
                                                  } else {
                                                      return 4;
                                                  }
                                              } else {
                                                  return 5;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  } else {
                                      if (features[64] < 346) {
                                          if (features[59] < 521) {
                                              return 0;
                                          } else {
                                              return 5;
                                          }
                                      } else {
                                          if (features[117] < 4002) {
                                              return 5;
                                          } else {
                                              return 5;
                                          }
                                      }
                                  }
                              } else {
                                  return 6;
                              }
                          } else {
                              return 8;
                          }
                      } else {
                          if (features[49] < 865) {
                              if (features[81] < 1716) {
                                  if (features[64] < 381) {
                                      if (features[4] < -721) {
                                          return 8;
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      if (features[84] < 1180) {
                                          return 10;
                                      } else {
                                          if (features[73] < 431) {
                                              if (features[45] < 587) {
                                                  return 4;
                                              } else {
                                                  return 6;
                                              }
                                          } else {
                                              return 10;
                                          }
                                      }
                                  }
                              } else {
                                  if (features[73] < 268) {
                                      return 1;
                                  } else {
                                      if (features[12] < 824) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  }
                              }
                          } else {
                              if (features[102] < 2556) {
                                  if (features[5] < -585) {
                                      if (features[39] < -1004) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[90] < 1476) {
                                          return 0;
                                      } else {
                                          return 6;
                                      }
                                  }
                              } else {
                                  if (features[15] < 911) {
                                      if (features[58] < 2652) {
                                          if (features[94] < 5920) {
                                              if (features[64] < 674) {
                                                  return 6;
                                              } else {
                                                  return 10;
                                              }
                                          } else {
                                              return 2;
                                          }
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  }
              } else {
                  if (features[26] < -467) {
                      if (features[126] < 11) {
                          if (features[68] < 425) {
                              if (features[37] < -1935) {
                                  return 2;
                              } else {
                                  if (features[42] < 1286) {
                                      if (features[60] < 339) {
                                          return 10;
                                      } else {
                                          return 4;
                                      }
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              if (features[27] < -518) {
                                  if (features[41] < 570) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  return 4;
                              }
                          }
                      } else {
                          if (features[77] < 361) {
                              return 3;
                          } else {
                              return 3;
                          }
                      }
                  } else {
                      if (features[120] < -4616) {
                          if (features[52] < 2377) {
                              return 10;
                          } else {
                              return 3;
                          }
                      } else {
                          if (features[63] < 452) {
                              return 3;
                          } else {
                              return 3;
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_30(const int16_t *features, int32_t features_length) {
          if (features[42] < 803) {
              if (features[49] < 308) {
                  if (features[20] < 963) {
                      if (features[120] < -932) {
                          if (features[64] < 234) {
                              if (features[120] < -1918) {
                                  return 0;
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[4] < 493) {
                                  if (features[14] < 659) {
                                      if (features[45] < 330) {
                                          if (features[42] < 322) {
                                              if (features[82] < 443) {
                                                  return 10;
                                              } else {
                                                  return 9;
                                              }
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 0;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[27] < 757) {
                                      if (features[4] < 1555) {
                                          if (features[78] < 291) {
                                              if (features[74] < 309) {
                                                  if (features[37] < -1238) {
                                                      if (features[123] < 51) {
                                                          return 9;
                                                      } else {
                                                          return 7;
                                                      }
                                                  } else {
                                                      return 10;
                                                  }
                                              } else {
                                                  return 9;
                                              }
                                          } else {
                                              return 9;
                                          }
                                      } else {
                                          if (features[23] < -1005) {
                                              return 10;
                                          } else {
                                              if (features[40] < 311) {
                                                  if (features[60] < 256) {
                                                      return 10;
                                                  } else {
                                                      return 9;
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  } else {
                                      return 7;
                                  }
                              }
                          }
                      } else {
                          return 10;
                      }
                  } else {
                      if (features[32] < -485) {
                          return 8;
                      } else {
                          return 10;
                      }
                  }
              } else {
                  if (features[63] < 343) {
                      if (features[17] < 311) {
                          if (features[43] < 319) {
                              if (features[126] < 45) {
                                  return 10;
                              } else {
                                  if (features[26] < -319) {
                                      return 7;
                                  } else {
                                      return 8;
                                  }
                              }
                          } else {
                              if (features[1] < -669) {
                                  return 6;
                              } else {
                                  if (features[65] < 392) {
                                      return 0;
                                  } else {
                                      return 5;
                                  }
                              }
                          }
                      } else {
                          if (features[9] < -863) {
                              return 6;
                          } else {
                              if (features[20] < 182) {
                                  if (features[35] < -609) {
                                      if (features[0] < 1117) {
                                          return 10;
                                      } else {
                                          return 7;
                                      }
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  if (features[34] < -1047) {
                                      if (features[112] < 1035) {
                                          return 8;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 6;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[39] < -1746) {
                          if (features[113] < 782) {
                              if (features[37] < -2161) {
                                  return 10;
                              } else {
                                  if (features[30] < -639) {
                                      return 10;
                                  } else {
                                      return 8;
                                  }
                              }
                          } else {
                              if (features[6] < 1004) {
                                  if (features[35] < -1717) {
                                      return 2;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[84] < 1912) {
                                      return 10;
                                  } else {
                                      if (features[101] < 1460) {
                                          return 4;
                                      } else {
                                          return 1;
                                      }
                                  }
                              }
                          }
                      } else {
                          if (features[82] < 1400) {
                              if (features[13] < 1203) {
                                  if (features[72] < 400) {
                                      return 10;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  return 8;
                              }
                          } else {
                              if (features[30] < -432) {
                                  if (features[76] < 622) {
                                      if (features[113] < 3438) {
                                          return 4;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[32] < 189) {
                                      return 10;
                                  } else {
                                      if (features[24] < 536) {
                                          return 5;
                                      } else {
                                          return 8;
                                      }
                                  }
                              }
                          }
                      }
                  }
              }
          } else {
              if (features[36] < -520) {
                  if (features[1] < 1798) {
                      if (features[12] < 988) {
                          if (features[1] < 744) {
                              if (features[116] < 2799) {
                                  if (features[19] < 292) {
                                      return 6;
                                  } else {
                                      return 10;
                                  }
                              } else {
                                  if (features[41] < 1781) {
                                      return 10;
                                  } else {
                                      return 2;
                                  }
                              }
                          } else {
                              if (features[2] < 1549) {
                                  if (features[49] < 950) {
                                      return 4;
                                  } else {
                                      if (features[57] < 585) {
                                          return 3;
                                      } else {
                                          if (features[75] < 225) {
                                              return 1;
                                          } else {
                                              if (features[27] < -541) {
                                                  return 2;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  return 3;
                              }
                          }
                      } else {
                          if (features[29] < -876) {
                              if (features[39] < -2934) {
                                  return 1;
                              } else {
                                  if (features[126] < 23) {
                                      return 2;
                                  } else {
                                      return 6;
                                  }
                              }
                          } else {
                              if (features[15] < 166) {
                                  return 6;
                              } else {
                                  if (features[113] < 2346) {
                                      if (features[121] < -335) {
                                          if (features[17] < 1467) {
                                              return 6;
                                          } else {
                                              return 8;
                                          }
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      return 2;
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[26] < -425) {
                          if (features[91] < 3142) {
                              if (features[74] < 412) {
                                  return 1;
                              } else {
                                  if (features[39] < -2252) {
                                      return 1;
                                  } else {
                                      return 3;
                                  }
                              }
                          } else {
                              return 1;
                          }
                      } else {
                          if (features[120] < -4170) {
                              return 10;
                          } else {
                              return 3;
                          }
                      }
                  }
              } else {
                  if (features[2] < -1313) {
                      return 6;
                  } else {
                      if (features[120] < -4190) {
                          return 5;
                      } else {
                          if (features[57] < 635) {
                              return 0;
                          } else {
                              if (features[76] < 289) {
                                  return 6;
                              } else {
                                  if (features[81] < 1177) {
                                      return 6;
                                  } else {
                                      return 5;
                                  }
                              }
                          }
                      }
                  }
              }
          }
        }
        

static inline int32_t mytree_tree_31(const int16_t *features, int32_t features_length) {
          if (features[83] < 1291) {
              if (features[4] < -716) {
                  if (features[59] < 492) {
                      return 8;
                  } else {
                      if (features[120] < -3306) {
                          return 10;
                      } else {
                          if (features[43] < 688) {
                              return 8;
                          } else {
                              return 6;
                          }
                      }
                  }
              } else {
                  if (features[126] < 61) {
                      if (features[17] < -157) {
                          if (features[122] < -4786) {
                              return 10;
                          } else {
                              if (features[9] < 1073) {
                                  return 0;
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[44] < 335) {
                              if (features[12] < 634) {
                                  if (features[74] < 322) {
                                      return 10;
                                  } else {
                                      if (features[117] < 2016) {
                                          return 9;
                                      } else {
                                          return 10;
                                      }
                                  }
                              } else {
                                  if (features[46] < 440) {
                                      if (features[76] < 354) {
                                          return 10;
                                      } else {
                                          return 9;
                                      }
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              if (features[33] < 151) {
                                  if (features[40] < 669) {
                                      if (features[72] < 231) {
                                          return 0;
                                      } else {
                                          if (features[47] < 576) {
                                              return 10;
                                          } else {
                                              if (features[79] < 403) {
                                                  if (features[28] < -935) {
                                                      return 2;
                                                  } else {
                                                      if (features[39] < -1171) {
                                                          return 10;
                                                      } else {
                                                          return 6;
                                                      }
                                                  }
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  } else {
                                      return 3;
                                  }
                              } else {
                                  return 6;
                              }
                          }
                      }
                  } else {
                      if (features[65] < 276) {
                          if (features[32] < -1029) {
                              return 8;
                          } else {
                              if (features[8] < 873) {
                                  if (features[59] < 167) {
                                      return 7;
                                  } else {
                                      return 8;
                                  }
                              } else {
                                  return 0;
                              }
                          }
                      } else {
                          if (features[122] < -1105) {
                              if (features[49] < 263) {
                                  if (features[2] < 1056) {
                                      return 9;
                                  } else {
                                      if (features[37] < -1964) {
                                          if (features[28] < -770) {
                                              return 9;
                                          } else {
                                              if (features[97] < 772) {
                                                  if (features[1] < 2394) {
                                                      return 7;
                                                  } else {
                                                      return 9;
                                                  }
                                              } else {
                                                  return 8;
                                              }
                                          }
                                      } else {
                                          if (features[4] < 1547) {
                                              if (features[59] < 147) {
                                                  return 10;
                                              } else {
                                                  return 7;
                                              }
                                          } else {
                                              if (features[122] < -4255) {
                                                  return 10;
                                              } else {
                                                  return 9;
                                              }
                                          }
                                      }
                                  }
                              } else {
                                  if (features[33] < -1173) {
                                      return 8;
                                  } else {
                                      return 7;
                                  }
                              }
                          } else {
                              return 10;
                          }
                      }
                  }
              }
          } else {
              if (features[39] < -677) {
                  if (features[11] < 1141) {
                      if (features[48] < 775) {
                          if (features[78] < 240) {
                              if (features[94] < 2409) {
                                  if (features[52] < 761) {
                                      return 10;
                                  } else {
                                      return 6;
                                  }
                              } else {
                                  return 1;
                              }
                          } else {
                              if (features[1] < 384) {
                                  return 10;
                              } else {
                                  if (features[3] < 2020) {
                                      if (features[75] < 520) {
                                          if (features[43] < 821) {
                                              return 4;
                                          } else {
                                              return 3;
                                          }
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      return 3;
                                  }
                              }
                          }
                      } else {
                          if (features[40] < 640) {
                              if (features[32] < -984) {
                                  if (features[1] < 2740) {
                                      return 2;
                                  } else {
                                      return 1;
                                  }
                              } else {
                                  if (features[70] < 414) {
                                      if (features[99] < 2735) {
                                          return 6;
                                      } else {
                                          return 10;
                                      }
                                  } else {
                                      if (features[116] < 899) {
                                          return 8;
                                      } else {
                                          if (features[39] < -1424) {
                                              return 10;
                                          } else {
                                              return 6;
                                          }
                                      }
                                  }
                              }
                          } else {
                              if (features[102] < 3005) {
                                  if (features[120] < -4082) {
                                      if (features[65] < 456) {
                                          return 3;
                                      } else {
                                          return 1;
                                      }
                                  } else {
                                      if (features[79] < 356) {
                                          if (features[54] < 820) {
                                              return 4;
                                          } else {
                                              return 10;
                                          }
                                      } else {
                                          return 3;
                                      }
                                  }
                              } else {
                                  if (features[26] < -503) {
                                      if (features[23] < -213) {
                                          if (features[123] < 852) {
                                              return 4;
                                          } else {
                                              return 1;
                                          }
                                      } else {
                                          return 2;
                                      }
                                  } else {
                                      if (features[77] < 164) {
                                          return 3;
                                      } else {
                                          if (features[29] < -700) {
                                              return 2;
                                          } else {
                                              if (features[101] < 3010) {
                                                  return 5;
                                              } else {
                                                  return 10;
                                              }
                                          }
                                      }
                                  }
                              }
                          }
                      }
                  } else {
                      if (features[95] < 2711) {
                          if (features[32] < -814) {
                              if (features[0] < 1699) {
                                  return 2;
                              } else {
                                  if (features[65] < 483) {
                                      return 10;
                                  } else {
                                      return 1;
                                  }
                              }
                          } else {
                              return 6;
                          }
                      } else {
                          if (features[18] < 71) {
                              return 6;
                          } else {
                              return 2;
                          }
                      }
                  }
              } else {
                  if (features[120] < -4391) {
                      if (features[1] < 29) {
                          if (features[36] < 92) {
                              return 7;
                          } else {
                              return 5;
                          }
                      } else {
                          if (features[106] < 2660) {
                              if (features[45] < 1410) {
                                  return 9;
                              } else {
                                  return 3;
                              }
                          } else {
                              return 10;
                          }
                      }
                  } else {
                      if (features[14] < 339) {
                          if (features[0] < 1103) {
                              if (features[25] < 855) {
                                  if (features[18] < -577) {
                                      return 0;
                                  } else {
                                      return 5;
                                  }
                              } else {
                                  return 6;
                              }
                          } else {
                              return 5;
                          }
                      } else {
                          return 6;
                      }
                  }
              }
          }
        }
        

int32_t mytree_predict(const int16_t *features, int32_t features_length) {

        int32_t votes[11] = {0,};
        int32_t _class = -1;

        _class = mytree_tree_0(features, features_length); votes[_class] += 1;
    _class = mytree_tree_1(features, features_length); votes[_class] += 1;
    _class = mytree_tree_2(features, features_length); votes[_class] += 1;
    _class = mytree_tree_3(features, features_length); votes[_class] += 1;
    _class = mytree_tree_4(features, features_length); votes[_class] += 1;
    _class = mytree_tree_5(features, features_length); votes[_class] += 1;
    _class = mytree_tree_6(features, features_length); votes[_class] += 1;
    _class = mytree_tree_7(features, features_length); votes[_class] += 1;
    _class = mytree_tree_8(features, features_length); votes[_class] += 1;
    _class = mytree_tree_9(features, features_length); votes[_class] += 1;
    _class = mytree_tree_10(features, features_length); votes[_class] += 1;
    _class = mytree_tree_11(features, features_length); votes[_class] += 1;
    _class = mytree_tree_12(features, features_length); votes[_class] += 1;
    _class = mytree_tree_13(features, features_length); votes[_class] += 1;
    _class = mytree_tree_14(features, features_length); votes[_class] += 1;
    _class = mytree_tree_15(features, features_length); votes[_class] += 1;
    _class = mytree_tree_16(features, features_length); votes[_class] += 1;
    _class = mytree_tree_17(features, features_length); votes[_class] += 1;
    _class = mytree_tree_18(features, features_length); votes[_class] += 1;
    _class = mytree_tree_19(features, features_length); votes[_class] += 1;
    _class = mytree_tree_20(features, features_length); votes[_class] += 1;
    _class = mytree_tree_21(features, features_length); votes[_class] += 1;
    _class = mytree_tree_22(features, features_length); votes[_class] += 1;
    _class = mytree_tree_23(features, features_length); votes[_class] += 1;
    _class = mytree_tree_24(features, features_length); votes[_class] += 1;
    _class = mytree_tree_25(features, features_length); votes[_class] += 1;
    _class = mytree_tree_26(features, features_length); votes[_class] += 1;
    _class = mytree_tree_27(features, features_length); votes[_class] += 1;
    _class = mytree_tree_28(features, features_length); votes[_class] += 1;
    _class = mytree_tree_29(features, features_length); votes[_class] += 1;
    _class = mytree_tree_30(features, features_length); votes[_class] += 1;
    _class = mytree_tree_31(features, features_length); votes[_class] += 1;
    
        int32_t most_voted_class = -1;
        int32_t most_voted_votes = 0;
        for (int32_t i=0; i<11; i++) {

            if (votes[i] > most_voted_votes) {
                most_voted_class = i;
                most_voted_votes = votes[i];
            }
        }
        return most_voted_class;
    }
    

int mytree_predict_proba(const int16_t *features, int32_t features_length, float *out, int out_length) {

        int32_t _class = -1;

        for (int i=0; i<out_length; i++) {
            out[i] = 0.0f;
        }

        _class = mytree_tree_0(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_1(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_2(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_3(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_4(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_5(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_6(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_7(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_8(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_9(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_10(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_11(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_12(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_13(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_14(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_15(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_16(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_17(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_18(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_19(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_20(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_21(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_22(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_23(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_24(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_25(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_26(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_27(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_28(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_29(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_30(features, features_length); out[_class] += 1.0f;
    _class = mytree_tree_31(features, features_length); out[_class] += 1.0f;
    
        // compute mean
        for (int i=0; i<out_length; i++) {
            out[i] = out[i] / 32;
        }
        return 0;
    }
    

            int32_t
            predict_wrapper(const float *values, int length) {
                // Convert to whatever is needed for inline
                int16_t features[127];
                for (int i=0; i<length; i++) {
                    features[i] = (int16_t)values[i];
                }
                const int32_t out = mytree_predict(features, length);
                if (out < 0) {
                    return -out;
                }
                return out;
            }

            int
            predict_proba_wrapper(const float *values, int length, float *outputs, int n_outputs) {
                // Convert to whatever is needed for inline
                int16_t features[127];
                for (int i=0; i<length; i++) {
                    features[i] = (int16_t)values[i];
                }

                const int err =                     mytree_predict_proba(features, length, outputs, n_outputs);

                return err;
            }
            